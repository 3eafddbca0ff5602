package io.waihu.backend.dialer.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to call a number: when it was dialed, by which campaign, and how it ended
 * ({@code outcome} null while it is still ringing or talking). An attempt counts toward the
 * limits from the moment it is dialed, whatever its outcome.
 */
public record Attempt(Instant at, String campaignId, AttemptOutcome outcome) {

    public Attempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(campaignId, "campaignId");
    }

    public boolean inProgress() {
        return outcome == null;
    }
}
