/** The server's own state: processors, parked events, the node. */
package io.waihu.backend.api.system;
