package io.waihu.backend.api.reports;

import io.waihu.backend.analytics.CallReports;
import io.waihu.backend.api.calls.CallEnums;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The report types of the API. */
public final class ReportTypes {

    private ReportTypes() {
    }

    @Enum("CallReportDimension")
    @Description("What a call report row is keyed by.")
    public enum CallReportDimension {
        @Description("The hour the attempt was placed, in the report's time zone (the row's hour is its start).")
        HOUR(CallReports.Dimension.HOUR),
        @Description("The date the attempt was placed, in the report's time zone.")
        DAY(CallReports.Dimension.DAY),
        @Description("The campaign (none for manual calls).")
        CAMPAIGN(CallReports.Dimension.CAMPAIGN),
        @Description("The agent.")
        AGENT(CallReports.Dimension.AGENT),
        @Description("The trunk that carried the call.")
        TRUNK(CallReports.Dimension.TRUNK),
        @Description("How the attempt ended (CallResult).")
        RESULT(CallReports.Dimension.RESULT),
        @Description("Outbound or inbound.")
        DIRECTION(CallReports.Dimension.DIRECTION);

        final CallReports.Dimension dimension;

        CallReportDimension(CallReports.Dimension dimension) {
            this.dimension = dimension;
        }
    }

    @Input("CallReportInput")
    @Description("Which calls to report on and how to group them.")
    public record CallReportInput(
            @NonNull @Description("Placed at or after (inclusive).") Instant from,
            @NonNull @Description("Placed before (exclusive); at most 367 days after from.") Instant to,
            @Description("IANA time zone for HOUR and DAY, e.g. Asia/Shanghai (default UTC).") String timeZone,
            @DefaultValue("[]") @Description("Row keys, in order (none: one row for the whole range).") List<@NonNull CallReportDimension> groupBy,
            @Id @Description("Only this campaign's calls.") String campaignId,
            @Id @Description("Only this agent's calls (agents always get their own).") String agentId,
            @Description("Only calls of this team's agents (supervisors always get their own team's).") String team) {
    }

    @Type("CallReportRow")
    @Description("One group of call attempts. Keys not grouped on are null. Rates are fractions (0.25 = 25 %).")
    public record CallReportRow(
            @Description("Start of the hour (HOUR).") Instant hour,
            @Description("The date in the report's time zone (DAY).") LocalDate day,
            @Id @Description("CAMPAIGN; null also for calls of no campaign.") String campaignId,
            @Id @Description("AGENT.") String agentId,
            @Id @Description("TRUNK.") String trunkId,
            @Description("RESULT; null also for calls not ended yet.") CallEnums.CallResult result,
            @Description("DIRECTION.") CallDirection direction,
            @Description("Attempts placed.") long attempts,
            @Description("Attempts a person answered.") long liveAnswered,
            @Description("Answered attempts connected to an agent.") long connects,
            @Description("Answered attempts no agent took in time (the customer heard the abandon message).") long abandoned,
            @Description("connects / attempts.") double connectRate,
            @Description("Mean talk time of connected attempts, seconds.") double averageTalkSeconds,
            @Description("abandoned / liveAnswered: the regulators' abandon rate.") double abandonRate) {

        static CallReportRow of(CallReports.Row row) {
            return new CallReportRow(row.hour(), row.day() == null ? null : LocalDate.parse(row.day()), row.campaignId(),
                    row.agentId(), row.trunkId(), row.result() == null ? null : CallEnums.CallResult.valueOf(row.result()),
                    row.direction() == null ? null : CallDirection.valueOf(row.direction()), row.attempts(), row.liveAnswered(), row.connects(), row.abandoned(),
                    row.connectRate(), row.averageTalkSeconds(), row.abandonRate());
        }
    }

    @Enum("CallDirection")
    @Description("Which way a call went.")
    public enum CallDirection {
        @Description("Placed by the platform: click-to-dial, dialed on a phone, or by the dialer.")
        OUTBOUND,
        @Description("From a caller to one of the installation's numbers.")
        INBOUND
    }

    @Type("CallReport")
    @Description("A call report.")
    public record CallReport(@NonNull @Description("The rows in key order (at most 10,000).") List<@NonNull CallReportRow> rows) {
    }
}
