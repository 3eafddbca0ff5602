package io.waihu.backend.dialer.engine;

import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CampaignState;
import io.waihu.backend.dialer.policy.DialFacts;
import java.time.Instant;

/**
 * The attempts made to each number, across every campaign: what the policy's limits count. An
 * attempt is logged <em>before</em> its call is placed, so a second campaign asking about the same
 * number a moment later already sees it in progress.
 */
public interface AttemptLog {

    /** What the policy needs about {@code e164} for {@code campaignId} at {@code now}. */
    DialFacts facts(String campaignId, CampaignState state, String e164, Instant now);

    /** An attempt starts now (in progress until {@link #ended}). */
    void started(String campaignId, String e164, String callId, Instant at);

    /** The attempt ended with {@code outcome}. */
    void ended(String callId, AttemptOutcome outcome);
}
