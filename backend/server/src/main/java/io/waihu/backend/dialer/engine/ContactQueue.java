package io.waihu.backend.dialer.engine;

import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.DialDecision;
import java.time.Instant;
import java.util.List;

/** A campaign's contacts as the run sees them: due ones to claim, and where each goes after. */
public interface ContactQueue {

    /**
     * Claims up to {@code max} contacts of the campaign that are due at {@code now} (new, or whose
     * retry time has come), highest priority first, then the longest waiting.
     */
    List<Candidate> claimDue(String campaignId, int max, Instant now);

    /**
     * The policy refused the contact now: it is due again at {@code decision.nextEligibleAt()}, or
     * never for this campaign when that is {@code null} (blacklisted, limits used up, not retried).
     */
    void skipped(String campaignId, Candidate contact, DialDecision decision, Instant now);

    /** The attempt {@code callId} ended with {@code outcome}; the contact is due again at {@code retryAt}, or done when {@code null}. */
    void attempted(String campaignId, Candidate contact, String callId, AttemptOutcome outcome, Instant retryAt);

    /** Claimed but not dialed (the campaign stopped mid-tick, or the trunks refused before ringing): due again now. */
    void released(String campaignId, Candidate contact);
}
