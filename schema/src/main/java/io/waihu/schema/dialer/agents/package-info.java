/** Agents' states in the dialer: logged in to campaigns, available, offered a call, talking, wrapping up, paused. */
package io.waihu.schema.dialer.agents;
