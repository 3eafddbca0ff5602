/** Axon Framework wired by hand into Quarkus: event store, token store, processors, gateways. */
package io.waihu.backend.axon;
