package io.waihu.backend.dialer.campaigns;

import io.waihu.backend.dialer.pacing.PacingMode;
import io.waihu.backend.dialer.pacing.PacingSettings;
import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.backend.dialer.policy.CampaignState;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.CampaignStatus;
import io.waihu.schema.dialer.campaigns.RetryRule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A campaign as the dial policy and the pacing see it: its settings become the policy's
 * {@link CampaignRules} (window, closed days, limits, retry delays, ring timeout, fallback zone)
 * and the pacing's {@link PacingSettings}; its status the policy's {@link CampaignState}. The
 * dialer builds both from the campaign's read model, so every number is decided by the one
 * policy with exactly what the supervisor configured.
 */
public final class CampaignPolicy {

    private CampaignPolicy() {
    }

    /** The dial policy's rules of a campaign (whose settings passed {@link CampaignChecks}). */
    public static CampaignRules rules(CampaignSettings settings) {
        return rulesOf(settings, ZoneId.of(settings.timeZone()));
    }

    /** As {@link #rules}, with the zone already parsed (null when it is not one: the rules then report it). */
    static CampaignRules rulesOf(CampaignSettings settings, ZoneId zone) {
        Map<AttemptOutcome, Duration> delays = new EnumMap<>(AttemptOutcome.class);
        for (RetryRule rule : settings.retryRules()) {
            if (rule != null && rule.outcome() != null) {
                delays.put(AttemptOutcome.valueOf(rule.outcome().name()), Duration.ofMinutes(rule.delayMinutes()));
            }
        }
        return new CampaignRules(zone, settings.windowStart(), settings.windowEnd(),
                settings.closedWeekdays().isEmpty() ? Set.of() : EnumSet.copyOf(settings.closedWeekdays()),
                new HashSet<>(settings.closedDates()), settings.maxAttemptsPerDay(), settings.maxAttempts(), delays,
                Duration.ofSeconds(settings.ringTimeoutSeconds()));
    }

    /**
     * Whether the policy lets a campaign in {@code status} start attempts: only RUNNING does; a
     * draft has never run, and the policy skips its numbers as it skips a stopped campaign's.
     */
    public static CampaignState state(CampaignStatus status) {
        return switch (status) {
            case RUNNING -> CampaignState.RUNNING;
            case PAUSED -> CampaignState.PAUSED;
            case DRAFT, STOPPED -> CampaignState.STOPPED;
        };
    }

    /**
     * The pacing's settings of a campaign that may hold {@code maxLines} trunk channels (the sum
     * of its trunks' channels, which the telephony side knows).
     */
    public static PacingSettings pacing(CampaignSettings settings, int maxLines) {
        return new PacingSettings(PacingMode.valueOf(settings.mode().name()), settings.maxAbandonRate(),
                settings.linesPerAgent(), maxLines,
                Duration.ofSeconds(settings.ringTimeoutSeconds()), PacingSettings.DEFAULT_ANSWER_GRACE);
    }
}
