package io.waihu.backend.api.campaigns;

import io.smallrye.graphql.api.Nullable;
import io.waihu.backend.api.campaigns.CampaignEnums.CampaignMode;
import io.waihu.backend.api.campaigns.CampaignEnums.CustomerCreation;
import io.waihu.backend.api.campaigns.CampaignEnums.RetryOutcome;
import io.waihu.backend.api.campaigns.CampaignEnums.Weekday;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.Disposition;
import io.waihu.schema.dialer.campaigns.RetryRule;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * The inputs of the campaign mutations, and how settings given in one become the schema's
 * {@link CampaignSettings}: over the defaults when creating, over the campaign's current settings
 * when editing — a field left out keeps what it had.
 */
public final class CampaignInputs {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String LEFT_OUT = " Left out: the default when creating, unchanged when editing.";
    private static final String EXPECTED_VERSION = "The version you last read; the change is refused (CONFLICT) if "
            + "the campaign changed since. Omit to change it whatever its version.";
    private static final String REASON = "Why, kept with the event (up to 500 characters).";

    private CampaignInputs() {
    }

    @Input("CampaignSettingsInput")
    @Description("A campaign's settings." + LEFT_OUT)
    public record CampaignSettingsInput(
            @Description("What supervisors call it: one line, up to 200 characters. Required when creating.") String name,
            @Description("How it dials. Default PROGRESSIVE.") CampaignMode mode,
            @Nullable @Id @Description("Agents (users) assigned to it. Default none.") List<@NonNull String> agentIds,
            @Nullable @Description("Teams whose agents are assigned to it. Default none.") List<@NonNull String> teams,
            @Nullable @Id @Description("Trunks to dial on, in order of preference (at least one to start). Default none.")
            List<@NonNull String> trunkIds,
            @Nullable @Description("Caller-ID numbers in any written form, normalised to E.164 (at least one to start). "
                    + "Default none.") List<@NonNull String> callerIdPool,
            @Description("When it may call, in the callee's local time. Default 08:00–21:00.") CallingWindowInput window,
            @Nullable @Description("Weekdays it never calls. Default none.") List<@NonNull Weekday> closedWeekdays,
            @Nullable @Description("Dates it never calls (up to 400). Default none.") List<@NonNull LocalDate> closedDates,
            @Description("The zone for numbers whose zone is unknown, e.g. Asia/Shanghai. Default Asia/Shanghai.")
            String timeZone,
            @Description("Attempts per number in this campaign, 1–100. Default 6.") Integer maxAttempts,
            @Description("Attempts per number per callee's local day, 1–10 (also across campaigns). Default 2.")
            Integer maxAttemptsPerDay,
            @Nullable @Description("When outcomes are dialed again, replacing all rules; an outcome left out is not retried. "
                    + "Default BUSY 30 min, NO_ANSWER 2 h, CONGESTION 15 min, FAILED 1 h, ABANDONED 1 h.")
            List<@NonNull RetryRuleInput> retryRules,
            @Description("Seconds a call rings before it counts as not answered, 15–120. Default 30.")
            Integer ringTimeoutSeconds,
            @Description("Abandon rate cap as a fraction, above 0 and at most 0.1. Default 0.03 (3 %).")
            Double maxAbandonRate,
            @Description("Calls ringing or waiting at once per available agent (predictive), 1–10. Default 3.")
            Integer linesPerAgent,
            @Nullable @Description("The results agents give calls, replacing all (1–50). Default INTERESTED, NOT_INTERESTED, "
                    + "WRONG_NUMBER, CALL_BACK, DO_NOT_CALL.") List<@NonNull DispositionInput> dispositions,
            @Description("The prompt (id or file name, no path) played to an abandoned call. Default "
                    + "abandon-default.wav.") String abandonPrompt,
            @Description("The prompt played when the callee answers; an empty string removes it. Default none.")
            String disclosurePrompt,
            @Description("When a contact becomes a CRM customer. Default ON_FIRST_CONNECT.")
            CustomerCreation customerCreation) {
    }

    @Input("CallingWindowInput")
    @Description("The hours a campaign may call, in the callee's local time, within one day.")
    public record CallingWindowInput(@NonNull @Description("From (inclusive). " + CampaignTypes.TIME) String start,
            @NonNull @Description("Until (exclusive), after start. " + CampaignTypes.TIME) String end) {
    }

    @Input("RetryRuleInput")
    @Description("An outcome to dial again, and after how long.")
    public record RetryRuleInput(@NonNull @Description("The outcome.") RetryOutcome outcome,
            @NonNull @Description("Minutes after the attempt, 1 to 10080 (7 days).") int delayMinutes) {
    }

    @Input("DispositionInput")
    @Description("A result agents may give a call.")
    public record DispositionInput(
            @NonNull @Description("Stable code: upper-case letters, digits and _, up to 40, unique in the campaign.")
            String code,
            @NonNull @Description("What agents see: one line, up to 100 characters.") String label,
            @Description("The contact is done with (not dialed again). Default false.") Boolean finalResult,
            @Description("Counts as a success. Default false.") Boolean success,
            @Description("The agent schedules a callback (not final). Default false.") Boolean callBack,
            @Description("The number goes on the campaign's do-not-call list (final). Default false.")
            Boolean doNotCall) {
    }

    @Input("CreateCampaignInput")
    @Description("A new campaign, created as a draft.")
    public record CreateCampaignInput(@NonNull @Description("Its settings; name is required, the rest defaults.")
            CampaignSettingsInput settings) {
    }

    @Input("EditCampaignInput")
    @Description("A change to a campaign's settings: a field left out stays as it is. A started campaign keeps "
            + "at least one trunk, caller ID and agent or team; a stopped one is not edited.")
    public record EditCampaignInput(@NonNull @Id @Description("The campaign.") String id,
            @Description(EXPECTED_VERSION) Integer expectedVersion,
            @NonNull @Description("The settings to change.") CampaignSettingsInput settings) {
    }

    @Input("StartCampaignInput")
    @Description("A draft campaign to start, and why.")
    public record StartCampaignInput(@NonNull @Id @Description("The campaign.") String id,
            @Description(REASON) String reason) {
    }

    @Input("PauseCampaignInput")
    @Description("A running campaign to pause, and why.")
    public record PauseCampaignInput(@NonNull @Id @Description("The campaign.") String id,
            @Description(REASON) String reason) {
    }

    @Input("ResumeCampaignInput")
    @Description("A paused campaign to resume, and why.")
    public record ResumeCampaignInput(@NonNull @Id @Description("The campaign.") String id,
            @Description(REASON) String reason) {
    }

    @Input("StopCampaignInput")
    @Description("A campaign to stop for good, and why.")
    public record StopCampaignInput(@NonNull @Id @Description("The campaign.") String id,
            @Description(REASON) String reason) {
    }

    /** HH:MM of a time of day. */
    static String time(LocalTime time) {
        return time == null ? null : HH_MM.format(time);
    }

    /**
     * {@code in} over {@code base}; what cannot even be read (a time that is not HH:MM, a number
     * that is not one) goes to {@code problems} under its field path from the input object
     * ({@code settings.window.start}) and leaves the base's value.
     */
    static CampaignSettings merge(CampaignSettings base, CampaignSettingsInput in, PhoneNumbers phones,
            List<CampaignRules.Problem> problems) {
        LocalTime start = base.windowStart();
        LocalTime end = base.windowEnd();
        if (in.window() != null) {
            start = parseTime(in.window().start(), "settings.window.start", start, problems);
            end = parseTime(in.window().end(), "settings.window.end", end, problems);
        }
        List<String> callerIds = base.callerIdPool();
        if (in.callerIdPool() != null) {
            callerIds = new ArrayList<>();
            for (int i = 0; i < in.callerIdPool().size(); i++) {
                String field = "settings.callerIdPool[" + i + "]";
                try {
                    callerIds.add(phones.normalize(in.callerIdPool().get(i), field).e164());
                } catch (RuleViolation e) {
                    problems.add(new CampaignRules.Problem(field, e.getMessage()));
                }
            }
        }
        String disclosure = in.disclosurePrompt() == null ? base.disclosurePrompt()
                : in.disclosurePrompt().isEmpty() ? null : in.disclosurePrompt();
        return new CampaignSettings(
                or(in.name(), base.name()),
                in.mode() == null ? base.mode() : in.mode().stored(),
                or(in.agentIds(), base.agentIds()),
                or(in.teams(), base.teams()),
                or(in.trunkIds(), base.trunkIds()),
                callerIds, start, end,
                in.closedWeekdays() == null ? base.closedWeekdays() : map(in.closedWeekdays(), Weekday::stored),
                or(in.closedDates(), base.closedDates()),
                or(in.timeZone(), base.timeZone()),
                or(in.maxAttempts(), base.maxAttempts()),
                or(in.maxAttemptsPerDay(), base.maxAttemptsPerDay()),
                in.retryRules() == null ? base.retryRules()
                        : map(in.retryRules(), r -> new RetryRule(r.outcome() == null ? null : r.outcome().stored(),
                                r.delayMinutes())),
                or(in.ringTimeoutSeconds(), base.ringTimeoutSeconds()),
                or(in.maxAbandonRate(), base.maxAbandonRate()),
                or(in.linesPerAgent(), base.linesPerAgent()),
                in.dispositions() == null ? base.dispositions()
                        : map(in.dispositions(), d -> new Disposition(d.code(), d.label(), is(d.finalResult()),
                                is(d.success()), is(d.callBack()), is(d.doNotCall()))),
                or(in.abandonPrompt(), base.abandonPrompt()),
                disclosure,
                in.customerCreation() == null ? base.customerCreation() : in.customerCreation().stored());
    }

    private static LocalTime parseTime(String text, String field, LocalTime fallback, List<CampaignRules.Problem> problems) {
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new CampaignRules.Problem(field, "a time of day as HH:MM (24 h), not " + text));
            return fallback;
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static boolean is(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }

    private static <A, B> List<B> map(List<A> values, Function<A, B> mapper) {
        List<B> mapped = new ArrayList<>(values.size());
        for (A value : values) {
            mapped.add(value == null ? null : mapper.apply(value));
        }
        return mapped;
    }
}
