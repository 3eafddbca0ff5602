/** Calls: the Call aggregate and the service that places calls through the gateway and records what it reports. */
package io.waihu.backend.calls;
