/**
 * The one place that decides whether a number may be dialed now: do-not-call list, calling
 * window in the callee's time zones, closed days, attempt limits, retry rules and campaign
 * state. Pure Java, no wiring: every dialing path asks {@link io.waihu.backend.dialer.policy.DialPolicy}.
 */
package io.waihu.backend.dialer.policy;
