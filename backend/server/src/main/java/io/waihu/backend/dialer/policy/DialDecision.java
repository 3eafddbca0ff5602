package io.waihu.backend.dialer.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The policy's answer for one number at one instant. A skip always has its {@code reason};
 * when only time stands in the way, {@code nextEligibleAt} is the first instant the number may
 * be dialed if nothing else happens meanwhile, so the dialer schedules it instead of polling
 * (null when no time will do: blacklisted, limits used up, campaign not running, or no
 * instant within a year). {@code zones} are those the window was checked in;
 * {@code campaignZoneUsed} says the callee's zone was unknown and the campaign's stood in.
 */
public record DialDecision(Verdict verdict, SkipReason reason, Instant nextEligibleAt, List<ZoneId> zones,
        boolean campaignZoneUsed, String blacklistEntryId) {

    public enum Verdict {
        DIAL,
        SKIP
    }

    public DialDecision {
        zones = zones == null ? List.of() : List.copyOf(zones);
    }

    static DialDecision dial(List<ZoneId> zones, boolean campaignZoneUsed) {
        return new DialDecision(Verdict.DIAL, null, null, zones, campaignZoneUsed, null);
    }

    static DialDecision skip(SkipReason reason) {
        return new DialDecision(Verdict.SKIP, reason, null, List.of(), false, null);
    }

    static DialDecision skip(SkipReason reason, Instant next, List<ZoneId> zones, boolean campaignZoneUsed) {
        return new DialDecision(Verdict.SKIP, reason, next, zones, campaignZoneUsed, null);
    }

    public boolean dial() {
        return verdict == Verdict.DIAL;
    }
}
