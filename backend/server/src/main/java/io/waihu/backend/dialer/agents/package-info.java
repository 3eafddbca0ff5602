/**
 * Agents' states in the dialer: the {@link io.waihu.backend.dialer.agents.Agent} aggregate (its
 * append is the lock that keeps one call per agent), the roster the dialer reserves agents
 * through, the hooks that move agents with their calls and phones, and the wrap-up timer.
 */
package io.waihu.backend.dialer.agents;
