/** Agents' current states, the live view the dialer reserves from and supervisors watch. */
package io.waihu.projections.agents;
