/**
 * How many calls a campaign starts now: one {@link io.waihu.backend.dialer.pacing.Pacer} per
 * campaign, pure Java, fed observations and asked every tick. No framework, no clock of its own
 * (an injected {@link java.time.InstantSource}), so the live dialer and the simulator run the
 * same code.
 */
package io.waihu.backend.dialer.pacing;
