package io.waihu.backend.api.campaigns;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;
import static io.waihu.backend.api.support.ApiTypes.USER_ERRORS;

import io.waihu.backend.api.campaigns.CampaignEnums.CallOutcome;
import io.waihu.backend.api.campaigns.CampaignEnums.CampaignEvent;
import io.waihu.backend.api.campaigns.CampaignEnums.CampaignMode;
import io.waihu.backend.api.campaigns.CampaignEnums.CampaignStatus;
import io.waihu.backend.api.campaigns.CampaignEnums.CustomerCreation;
import io.waihu.backend.api.campaigns.CampaignEnums.RetryOutcome;
import io.waihu.backend.api.campaigns.CampaignEnums.Weekday;
import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.UserError;
import io.waihu.projections.dialer.campaigns.CampaignProgress;
import io.waihu.projections.dialer.campaigns.CampaignView;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL object types of campaigns. */
public final class CampaignTypes {

    static final String TIME = "Local time of day, HH:MM (24 h).";

    private CampaignTypes() {
    }

    @Type("Campaign")
    @Description("A dialer campaign: whom it calls with, when, how often, and where it stands.")
    public record Campaign(@NonNull @Id @Description("The campaign's id (a UUID; also its do-not-call scope).") String id,
            @NonNull @Description("Its version: pass as expectedVersion to edit exactly this.") int version,
            @NonNull @Description("Where it is in its lifecycle.") CampaignStatus status,
            @NonNull @Description("What supervisors call it.") String name,
            @NonNull @Description("How it dials.") CampaignMode mode,
            @NonNull @Id @Description("Agents (users) assigned to it.") List<@NonNull String> agentIds,
            @NonNull @Description("Teams whose agents are assigned to it.") List<@NonNull String> teams,
            @NonNull @Id @Description("Trunks its calls go out on, in order of preference.") List<@NonNull String> trunkIds,
            @NonNull @Description("Caller-ID numbers (E.164); each call presents the one closest to the callee "
                    + "(same area code, then same region, then same country).") List<@NonNull String> callerIdPool,
            @NonNull @Description("When it may call, in the callee's local time.") CallingWindow window,
            @NonNull @Description("Weekdays it never calls (the callee's local day).") List<@NonNull Weekday> closedWeekdays,
            @NonNull @Description("Dates it never calls (the callee's local date).") List<@NonNull LocalDate> closedDates,
            @NonNull @Description("The zone that stands in for a number whose zone is unknown (e.g. Asia/Shanghai).")
            String timeZone,
            @NonNull @Description("Attempts per number in this campaign, in all.") int maxAttempts,
            @NonNull @Description("Attempts per number on the callee's local day, by this campaign and by all "
                    + "campaigns together.") int maxAttemptsPerDay,
            @NonNull @Description("When an outcome is dialed again; an outcome without a rule is not retried.")
            List<@NonNull RetryRule> retryRules,
            @NonNull @Description("Seconds a call rings before it counts as not answered (15–120).") int ringTimeoutSeconds,
            @NonNull @Description("Abandoned over live-answered calls that predictive pacing keeps under, as a fraction "
                    + "(0.03 = 3 %).") double maxAbandonRate,
            @NonNull @Description("Calls ringing or waiting at once per available agent (predictive), 1–10.")
            int linesPerAgent,
            @NonNull @Description("The results an agent may give a call at wrap-up.") List<@NonNull Disposition> dispositions,
            @NonNull @Description("The prompt (id or file name) played to a call no agent was free for, before hanging up.")
            String abandonPrompt,
            @Description("The prompt played when the callee answers (\"this call may be recorded\"); null: none.")
            String disclosurePrompt,
            @NonNull @Description("When a contact becomes a CRM customer.") CustomerCreation customerCreation,
            @NonNull @Description("When it was created.") Instant createdAt,
            @Description("When it was first started; null while a draft.") Instant startedAt,
            @Description("When it was stopped; null until then.") Instant stoppedAt,
            @NonNull @Description("When it last changed.") Instant updatedAt,
            @NonNull @Description("How far it has got.") Progress progress) implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }

        static Campaign of(CampaignView view, CampaignSettings s, CampaignProgress progress) {
            return new Campaign(view.id, Math.toIntExact(view.version), CampaignStatus.valueOf(view.status), s.name(),
                    CampaignMode.valueOf(s.mode().name()), s.agentIds(), s.teams(), s.trunkIds(), s.callerIdPool(),
                    new CallingWindow(CampaignInputs.time(s.windowStart()), CampaignInputs.time(s.windowEnd())),
                    s.closedWeekdays().stream().sorted().map(d -> Weekday.valueOf(d.name())).toList(),
                    s.closedDates().stream().sorted().toList(), s.timeZone(), s.maxAttempts(), s.maxAttemptsPerDay(),
                    s.retryRules().stream().map(r -> new RetryRule(RetryOutcome.valueOf(r.outcome().name()),
                            r.delayMinutes())).toList(),
                    s.ringTimeoutSeconds(), s.maxAbandonRate(), s.linesPerAgent(),
                    s.dispositions().stream().map(d -> new Disposition(d.code(), d.label(), d.finalResult(), d.success(),
                            d.callBack(), d.doNotCall())).toList(),
                    s.abandonPrompt(), s.disclosurePrompt(), CustomerCreation.valueOf(s.customerCreation().name()),
                    view.createdAt, view.startedAt, view.stoppedAt, view.updatedAt, Progress.of(progress));
        }
    }

    @Type("CallingWindow")
    @Description("The hours a campaign may call, [start, end) within one day, in the callee's local time.")
    public record CallingWindow(@NonNull @Description("From (inclusive). " + TIME) String start,
            @NonNull @Description("Until (exclusive): no new call starts then. " + TIME) String end) {
    }

    @Type("RetryRule")
    @Description("An outcome that is dialed again, and how long after the attempt.")
    public record RetryRule(@NonNull @Description("The outcome.") RetryOutcome outcome,
            @NonNull @Description("Minutes after the attempt was dialed (1 minute to 7 days).") int delayMinutes) {
    }

    @Type("Disposition")
    @Description("A result an agent may give a connected call at wrap-up.")
    public record Disposition(@NonNull @Description("Stable code reports count by (A-Z, 0-9, _).") String code,
            @NonNull @Description("What agents see.") String label,
            @NonNull @Description("The contact is done with: not dialed again.") boolean finalResult,
            @NonNull @Description("Counts as a success in progress.") boolean success,
            @NonNull @Description("The agent schedules a callback (for themself or the campaign).") boolean callBack,
            @NonNull @Description("The number goes on the campaign's do-not-call list.") boolean doNotCall) {
    }

    @Type("CampaignProgress")
    @Description("How far a campaign has got. Counters fill as the dialer's call events are applied; "
            + "a campaign that has not dialed shows zeros.")
    public record Progress(@NonNull @Description("Records in its lists.") int recordsTotal,
            @NonNull @Description("Records still to be dialed (new, or due for a retry or callback).") int recordsLeft,
            @NonNull @Description("Attempts placed.") int attempted,
            @NonNull @Description("Attempts answered and connected to an agent.") int connected,
            @NonNull @Description("Attempts answered with no agent free in time.") int abandoned,
            @NonNull @Description("Attempts by how they ended, every outcome listed (0 included).")
            List<@NonNull OutcomeCount> byOutcome) {

        static Progress of(CampaignProgress p) {
            if (p == null) {
                return new Progress(0, 0, 0, 0, 0, java.util.Arrays.stream(CallOutcome.values())
                        .map(o -> new OutcomeCount(o, 0)).toList());
            }
            return new Progress(i(p.recordsTotal), i(p.recordsLeft), i(p.attempted), i(p.connected), i(p.abandoned),
                    List.of(new OutcomeCount(CallOutcome.ANSWERED, i(p.answered)),
                            new OutcomeCount(CallOutcome.ABANDONED, i(p.abandoned)),
                            new OutcomeCount(CallOutcome.BUSY, i(p.busy)),
                            new OutcomeCount(CallOutcome.NO_ANSWER, i(p.noAnswer)),
                            new OutcomeCount(CallOutcome.REJECTED, i(p.rejected)),
                            new OutcomeCount(CallOutcome.CONGESTION, i(p.congestion)),
                            new OutcomeCount(CallOutcome.FAILED, i(p.failed))));
        }

        private static int i(long count) {
            return (int) Math.min(Integer.MAX_VALUE, count);
        }
    }

    @Type("OutcomeCount")
    @Description("How many attempts ended one way.")
    public record OutcomeCount(@NonNull @Description("The outcome.") CallOutcome outcome,
            @NonNull @Description("How many.") int count) {
    }

    @Type("CampaignChange")
    @Description("A change to a campaign you may see, as the read model applied it.")
    public record CampaignChange(@NonNull @Description("What happened.") CampaignEvent event,
            @NonNull @Id @Description("The changed campaign's id (also when it is no longer yours to see).") String id,
            @NonNull @Description("The campaign's version after the change (for PROGRESS_CHANGED, the number of progress updates so far).")
            int version,
            @Description("The campaign as it is now, with its progress; null when no longer yours to see.")
            Campaign campaign) {
    }

    @Type("CreateCampaignPayload")
    @Description("The result of createCampaign.")
    public record CreateCampaignPayload(@Description("The campaign as created (a draft); null when refused.")
            Campaign campaign, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("EditCampaignPayload")
    @Description("The result of editCampaign.")
    public record EditCampaignPayload(@Description("The campaign as edited; null when refused.") Campaign campaign,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("StartCampaignPayload")
    @Description("The result of startCampaign.")
    public record StartCampaignPayload(@Description("The campaign in its new status; null when refused.")
            Campaign campaign, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("PauseCampaignPayload")
    @Description("The result of pauseCampaign.")
    public record PauseCampaignPayload(@Description("The campaign in its new status; null when refused.")
            Campaign campaign, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("ResumeCampaignPayload")
    @Description("The result of resumeCampaign.")
    public record ResumeCampaignPayload(@Description("The campaign in its new status; null when refused.")
            Campaign campaign, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("StopCampaignPayload")
    @Description("The result of stopCampaign.")
    public record StopCampaignPayload(@Description("The campaign in its new status; null when refused.")
            Campaign campaign, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("CampaignEdge")
    @Description("A campaign and its cursor in a list.")
    public record CampaignEdge(@NonNull @Description("Where this campaign is in the list: pass as after or before.")
            String cursor, @NonNull @Description("The campaign at this cursor.") Campaign node) {
    }

    @Type("CampaignConnection")
    @Description("A page of campaigns.")
    public record CampaignConnection(@NonNull @Description(Connections.EDGES_DOC) List<@NonNull CampaignEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull Campaign> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<Campaign, CampaignEdge, CampaignConnection> SHAPE = CampaignConnection::new;
    }
}
