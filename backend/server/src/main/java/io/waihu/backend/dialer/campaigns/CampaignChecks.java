package io.waihu.backend.dialer.campaigns;

import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.common.Text;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.Disposition;
import io.waihu.schema.dialer.campaigns.RetryRule;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule a campaign's settings must keep, as a list of problems naming the input field at
 * fault the way the API's user errors do ({@code callerIdPool[2]}, {@code retryRules[0].delayMinutes}),
 * so a form shows all of them at once. The dialing rules are the dial policy's own checks
 * ({@link CampaignRules#problems()}), their field names translated to the campaign's.
 * The aggregate refuses with the first ({@link #requireValid}); the API answers with all.
 */
public final class CampaignChecks {

    public static final int MAX_NAME = 200;
    public static final int MAX_AGENTS = 1000;
    public static final int MAX_TEAMS = 100;
    public static final int MAX_TEAM = 100;
    public static final int MAX_TRUNKS = 20;
    public static final int MAX_CALLER_IDS = 1000;
    public static final int MAX_DISPOSITIONS = 50;
    public static final int MAX_LABEL = 100;
    public static final int MAX_LINES_PER_AGENT = 10;
    /** No regulation we know allows more than 5 %; 10 % leaves room without letting a typo (3 for 0.03) through. */
    public static final double MAX_ABANDON_RATE = 0.10;
    /** The dial policy's bounds on retry delays ({@link CampaignRules#MIN_RETRY_DELAY}, {@link CampaignRules#MAX_RETRY_DELAY}). */
    static final long MIN_RETRY_MINUTES = CampaignRules.MIN_RETRY_DELAY.toMinutes();
    static final long MAX_RETRY_MINUTES = CampaignRules.MAX_RETRY_DELAY.toMinutes();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    /** A prompt's id or file name: no path, so it cannot name a file outside the prompt folder. */
    private static final Pattern PROMPT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");

    private CampaignChecks() {
    }

    /** Everything wrong with {@code settings}; empty when a campaign may have them. */
    public static List<CampaignRules.Problem> problems(CampaignSettings settings) {
        List<CampaignRules.Problem> problems = new ArrayList<>();
        if (settings.name() == null || settings.name().isBlank()) {
            add(problems, "name", "a name is required");
        } else {
            String fault = Text.fault(settings.name(), MAX_NAME, Text.Lines.SINGLE);
            add(problems, "name", fault == null ? null : "name " + fault);
        }
        add(problems, "mode", settings.mode() == null ? "say PREVIEW, PROGRESSIVE or PREDICTIVE" : null);
        if (settings.customerCreation() == null) {
            add(problems, "customerCreation", "say when a contact becomes a customer");
        }
        ids(problems, "agentIds", settings.agentIds(), MAX_AGENTS);
        teams(problems, settings.teams());
        ids(problems, "trunkIds", settings.trunkIds(), MAX_TRUNKS);
        callerIds(problems, settings.callerIdPool());
        rules(problems, settings);
        retryRules(problems, settings.retryRules());
        double rate = settings.maxAbandonRate();
        if (!(rate > 0 && rate <= MAX_ABANDON_RATE)) {
            add(problems, "maxAbandonRate", "a fraction above 0 and at most " + MAX_ABANDON_RATE + " (0.03 is 3 %)");
        }
        if (settings.linesPerAgent() < 1 || settings.linesPerAgent() > MAX_LINES_PER_AGENT) {
            add(problems, "linesPerAgent", "between 1 and " + MAX_LINES_PER_AGENT);
        }
        dispositions(problems, settings.dispositions());
        if (settings.abandonPrompt() == null || !PROMPT.matcher(settings.abandonPrompt()).matches()) {
            add(problems, "abandonPrompt", "a prompt's id or file name (letters, digits, _ . -; no path) is required");
        }
        if (settings.disclosurePrompt() != null && !PROMPT.matcher(settings.disclosurePrompt()).matches()) {
            add(problems, "disclosurePrompt", "a prompt's id or file name (letters, digits, _ . -; no path)");
        }
        return problems;
    }

    /** {@code settings}, or a {@code VALIDATION} error naming the first field at fault. */
    public static CampaignSettings requireValid(CampaignSettings settings) {
        List<CampaignRules.Problem> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw RuleViolation.invalid(problems.get(0).field(), problems.get(0).message());
        }
        return settings;
    }

    /**
     * What a campaign needs before it may dial: somewhere to dial (a trunk), something to
     * present (a caller ID) and someone to talk (agents or teams). Null when it has all three.
     */
    public static String notReadyToDial(CampaignSettings settings) {
        if (settings.trunkIds().isEmpty()) {
            return "a campaign needs at least one trunk to dial";
        }
        if (settings.callerIdPool().isEmpty()) {
            return "a campaign needs at least one caller ID to dial";
        }
        if (settings.agentIds().isEmpty() && settings.teams().isEmpty()) {
            return "a campaign needs agents or teams assigned to dial";
        }
        return null;
    }

    private static void rules(List<CampaignRules.Problem> problems, CampaignSettings settings) {
        ZoneId zone = null;
        if (settings.timeZone() != null) {
            try {
                zone = ZoneId.of(settings.timeZone());
            } catch (DateTimeException e) {
                add(problems, "timeZone", "not a time zone id (e.g. Asia/Shanghai): " + settings.timeZone());
            }
        }
        if (settings.closedDates().stream().anyMatch(java.util.Objects::isNull)
                || settings.closedWeekdays().stream().anyMatch(java.util.Objects::isNull)) {
            add(problems, "closedDates", "no empty entries");
            return;
        }
        boolean zoneReported = settings.timeZone() != null && zone == null;
        for (CampaignRules.Problem problem : CampaignPolicy.rulesOf(settings, zone).problems()) {
            String field = problem.field();
            if (field.equals("timeZone") && zoneReported) {
                continue;
            } else if (field.equals("ringTimeout")) {
                field = "ringTimeoutSeconds";
            } else if (field.startsWith("retryDelays.")) {
                continue; // checked per rule, with the rule's position (retryRules)
            }
            add(problems, field, problem.message());
        }
    }

    private static void retryRules(List<CampaignRules.Problem> problems, List<RetryRule> rules) {
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RetryRule rule = rules.get(i);
            if (rule == null || rule.outcome() == null) {
                add(problems, "retryRules[" + i + "].outcome", "say which outcome the rule is for");
            } else if (!seen.add(rule.outcome())) {
                add(problems, "retryRules[" + i + "].outcome", "one rule per outcome: " + rule.outcome() + " is named twice");
            }
            if (rule != null && (rule.delayMinutes() < MIN_RETRY_MINUTES || rule.delayMinutes() > MAX_RETRY_MINUTES)) {
                add(problems, "retryRules[" + i + "].delayMinutes", "between 1 minute and 7 days ("
                        + MAX_RETRY_MINUTES + " minutes)");
            }
        }
    }

    private static void ids(List<CampaignRules.Problem> problems, String field, List<String> ids, int max) {
        if (ids.size() > max) {
            add(problems, field, "at most " + max);
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !ID.matcher(id).matches()) {
                add(problems, field + "[" + i + "]", "not an id");
            } else if (!seen.add(id)) {
                add(problems, field + "[" + i + "]", "listed twice: " + id);
            }
        }
    }

    private static void teams(List<CampaignRules.Problem> problems, List<String> teams) {
        if (teams.size() > MAX_TEAMS) {
            add(problems, "teams", "at most " + MAX_TEAMS);
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < teams.size(); i++) {
            String team = teams.get(i);
            String fault = team == null || team.isBlank() ? "must not be empty" : Text.fault(team, MAX_TEAM, Text.Lines.SINGLE);
            if (fault == null && !seen.add(team)) {
                fault = "listed twice: " + team;
            }
            add(problems, "teams[" + i + "]", fault == null ? null : "team " + fault);
        }
    }

    private static void callerIds(List<CampaignRules.Problem> problems, List<String> numbers) {
        if (numbers.size() > MAX_CALLER_IDS) {
            add(problems, "callerIdPool", "at most " + MAX_CALLER_IDS);
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            try {
                if (!seen.add(new PhoneNumber(numbers.get(i)).e164())) {
                    add(problems, "callerIdPool[" + i + "]", "listed twice: " + numbers.get(i));
                }
            } catch (IllegalArgumentException e) {
                add(problems, "callerIdPool[" + i + "]", e.getMessage());
            }
        }
    }

    private static void dispositions(List<CampaignRules.Problem> problems, List<Disposition> dispositions) {
        if (dispositions.isEmpty() || dispositions.size() > MAX_DISPOSITIONS) {
            add(problems, "dispositions", "between 1 and " + MAX_DISPOSITIONS + " dispositions");
            return;
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < dispositions.size(); i++) {
            Disposition d = dispositions.get(i);
            String at = "dispositions[" + i + "]";
            if (d == null) {
                add(problems, at, "must not be empty");
                continue;
            }
            if (d.code() == null || !CODE.matcher(d.code()).matches()) {
                add(problems, at + ".code", "a code is upper-case letters, digits and _ (up to 40), starting with a letter");
            } else if (!codes.add(d.code())) {
                add(problems, at + ".code", "two dispositions have the code " + d.code());
            }
            String labelFault = d.label() == null || d.label().isBlank() ? "is required"
                    : Text.fault(d.label(), MAX_LABEL, Text.Lines.SINGLE);
            add(problems, at + ".label", labelFault == null ? null : "label " + labelFault);
            if (d.callBack() && d.finalResult()) {
                add(problems, at + ".finalResult", "a call-back disposition is not final: the number is called again");
            }
            if (d.doNotCall() && !d.finalResult()) {
                add(problems, at + ".finalResult", "a do-not-call disposition is final: the number is never called again");
            }
        }
    }

    private static void add(List<CampaignRules.Problem> problems, String field, String message) {
        if (message != null) {
            problems.add(new CampaignRules.Problem(field, message));
        }
    }
}
