package io.waihu.schema.dialer.campaigns;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Everything a campaign is configured with, as one value: created whole, edited whole (an edit
 * event carries the new settings, so a read model or the dialer never folds partial changes).
 * No personal data: caller IDs are the company's own numbers, agents and teams are users.
 *
 * @param name             what supervisors call it
 * @param mode             how it dials
 * @param agentIds         users (AGENT role) assigned to it
 * @param teams            teams whose agents are assigned to it
 * @param trunkIds         trunks to place its calls on, in order of preference
 * @param callerIdPool     E.164 numbers presented as caller ID, one chosen per call
 * @param windowStart      calling window start, the callee's local time
 * @param windowEnd        calling window end (exclusive), the callee's local time
 * @param closedWeekdays   weekdays it never dials (the callee's local day)
 * @param closedDates      dates it never dials (the callee's local date)
 * @param timeZone         the zone that stands in for a number whose zone is unknown
 * @param maxAttempts      attempts per number in this campaign, in all
 * @param maxAttemptsPerDay attempts per number on the callee's local day (also across campaigns)
 * @param retryRules       when an outcome is dialed again; an outcome without a rule is not retried
 * @param ringTimeoutSeconds how long a call rings before it is given up as not answered
 * @param maxAbandonRate   abandoned over live-answered calls the pacing keeps under (0.03 = 3 %)
 * @param linesPerAgent    calls ringing or waiting at once per available agent (predictive)
 * @param dispositions     the results an agent may give a call
 * @param abandonPrompt    the prompt played to a call abandoned for want of an agent
 * @param disclosurePrompt the prompt played when the callee answers; null: none
 * @param customerCreation when a contact becomes a CRM customer
 */
public record CampaignSettings(
        String name,
        CampaignMode mode,
        List<String> agentIds,
        List<String> teams,
        List<String> trunkIds,
        List<String> callerIdPool,
        LocalTime windowStart,
        LocalTime windowEnd,
        List<DayOfWeek> closedWeekdays,
        List<LocalDate> closedDates,
        String timeZone,
        int maxAttempts,
        int maxAttemptsPerDay,
        List<RetryRule> retryRules,
        int ringTimeoutSeconds,
        double maxAbandonRate,
        int linesPerAgent,
        List<Disposition> dispositions,
        String abandonPrompt,
        String disclosurePrompt,
        CustomerCreation customerCreation) {

    public CampaignSettings {
        agentIds = agentIds == null ? List.of() : List.copyOf(agentIds);
        teams = teams == null ? List.of() : List.copyOf(teams);
        trunkIds = trunkIds == null ? List.of() : List.copyOf(trunkIds);
        callerIdPool = callerIdPool == null ? List.of() : List.copyOf(callerIdPool);
        closedWeekdays = closedWeekdays == null ? List.of() : List.copyOf(closedWeekdays);
        closedDates = closedDates == null ? List.of() : List.copyOf(closedDates);
        retryRules = retryRules == null ? List.of() : List.copyOf(retryRules);
        dispositions = dispositions == null ? List.of() : List.copyOf(dispositions);
    }
}
