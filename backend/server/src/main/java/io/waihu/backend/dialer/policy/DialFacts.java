package io.waihu.backend.dialer.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the policy needs to know about one number besides the rules: the asking campaign and
 * its state, how many attempts this campaign has made to the number in all, its last one
 * (null if none; kept however old, since retry delays reach {@link CampaignRules#MAX_RETRY_DELAY}),
 * and the number's attempts by <em>every</em> campaign dialed within the last
 * {@link #LOOKBACK} — enough to count the callee's current local day in any zone.
 */
public record DialFacts(String campaignId, CampaignState state, int attemptsInCampaign, Attempt lastInCampaign,
        List<Attempt> recentAttempts) {

    /** A local day (at most 25 hours, on a DST change) began less than this long ago in every zone. */
    public static final Duration LOOKBACK = Duration.ofHours(48);

    public DialFacts {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(state, "state");
        recentAttempts = recentAttempts == null ? List.of() : List.copyOf(recentAttempts);
    }
}
