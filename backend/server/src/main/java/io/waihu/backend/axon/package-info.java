/**
 * Axon Framework wired by hand into Quarkus: event store, token store, processors, gateways,
 * and the names events are stored under. Capabilities plug in through {@link
 * io.waihu.backend.axon.AxonModule} beans; nothing here names one.
 */
package io.waihu.backend.axon;
