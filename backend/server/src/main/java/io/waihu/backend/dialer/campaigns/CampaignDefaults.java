package io.waihu.backend.dialer.campaigns;

import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.schema.dialer.campaigns.CampaignMode;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.CustomerCreation;
import io.waihu.schema.dialer.campaigns.Disposition;
import io.waihu.schema.dialer.campaigns.RetryOutcome;
import io.waihu.schema.dialer.campaigns.RetryRule;
import java.util.ArrayList;
import java.util.List;

/**
 * What a campaign gets for what its creator leaves out. The dialing rules' defaults are the dial
 * policy's own ({@link CampaignRules#defaults}: 08:00–21:00, 2 a day, BUSY 30 min, NO_ANSWER 2 h…),
 * so the two cannot drift apart.
 */
public final class CampaignDefaults {

    /** The campaign zone when none is given: the zone of the default phone region (CN). */
    public static final String TIME_ZONE = "Asia/Shanghai";
    public static final double MAX_ABANDON_RATE = 0.03;
    /** Predictive dialing rarely pays beyond three lines per agent at the answer rates the issue names (30 %). */
    public static final int LINES_PER_AGENT = 3;
    /** The recorded message every server ships (the telephony part plays it). */
    public static final String ABANDON_PROMPT = "abandon-default.wav";
    public static final CustomerCreation CUSTOMER_CREATION = CustomerCreation.ON_FIRST_CONNECT;

    private static final CampaignRules RULES = CampaignRules.defaults(java.time.ZoneId.of(TIME_ZONE));

    private CampaignDefaults() {
    }

    /** A PROGRESSIVE campaign named {@code name}, everything else at its default. */
    public static CampaignSettings settings(String name) {
        return new CampaignSettings(name, CampaignMode.PROGRESSIVE, List.of(), List.of(), List.of(), List.of(),
                RULES.windowStart(), RULES.windowEnd(), List.of(), List.of(), TIME_ZONE, RULES.maxAttempts(),
                RULES.maxAttemptsPerDay(), retryRules(), (int) RULES.ringTimeout().toSeconds(), MAX_ABANDON_RATE,
                LINES_PER_AGENT, dispositions(), ABANDON_PROMPT, null, CUSTOMER_CREATION);
    }

    /** The dial policy's default retry delays, in the schema's words. */
    public static List<RetryRule> retryRules() {
        List<RetryRule> rules = new ArrayList<>();
        for (RetryOutcome outcome : RetryOutcome.values()) {
            java.time.Duration delay = RULES.retryDelays().get(AttemptOutcome.valueOf(outcome.name()));
            if (delay != null) {
                rules.add(new RetryRule(outcome, (int) delay.toMinutes()));
            }
        }
        return List.copyOf(rules);
    }

    /** Interested, not interested, wrong number, call back, do not call. */
    public static List<Disposition> dispositions() {
        return List.of(
                new Disposition("INTERESTED", "Interested", true, true, false, false),
                new Disposition("NOT_INTERESTED", "Not interested", true, false, false, false),
                new Disposition("WRONG_NUMBER", "Wrong number", true, false, false, false),
                new Disposition("CALL_BACK", "Call back", false, false, true, false),
                new Disposition("DO_NOT_CALL", "Do not call", true, false, false, true));
    }
}
