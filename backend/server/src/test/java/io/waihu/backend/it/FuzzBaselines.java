package io.waihu.backend.it;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A valid request per operation: the arguments against which {@link PipelineFuzzTest} changes
 * one input at a time. Operations that consume what they act on (delete, erase, close,
 * remove) get a fresh record per request, so every fuzzed value reaches the same checks a
 * valid request would. An operation without a baseline here fails the fuzz test.
 */
final class FuzzBaselines {

    static final String SCOPE = "fuzz-scope";

    private final GraphQL client;
    private final String fuzzerId;
    private final String victimId;
    private final String victimUsername;
    private final String customerId;
    private final String opportunityId;

    FuzzBaselines(GraphQL client, String fuzzerId, TestUsers.Login victim) {
        this.client = client;
        this.fuzzerId = fuzzerId;
        this.victimId = victim.id();
        this.victimUsername = victim.username();
        this.customerId = customer();
        this.opportunityId = opportunity(customerId);
    }

    Map<String, Supplier<Map<String, Object>>> all() {
        Map<String, Supplier<Map<String, Object>>> all = new HashMap<>();
        // mutations
        all.put("addToBlacklist", () -> map("input", map("number", CustomerGraphQLTest.uniqueMobile(), "match",
                "NUMBER", "scope", SCOPE, "reason", "fuzzing", "expiresAt", "2099-01-01T00:00:00Z")));
        all.put("assignCustomerOwner", () -> map("input", map("id", customerId, "ownerId", fuzzerId)));
        all.put("changePassword", () -> map("input", map("userId", victimId, "newPassword", "another good password")));
        all.put("changeUser", () -> map("input", map("id", victimId, "displayName", "Victim", "roles",
                List.of("AGENT"), "team", "fuzz-team", "enabled", true)));
        all.put("closeOpportunity", () -> map("input", map("id", opportunity(customerId), "won", true, "reason", "signed")));
        all.put("configureTrunk", () -> map("input", trunkInput()));
        all.put("createCustomer", () -> map("input", customerInput()));
        all.put("createUser", () -> map("input", map("username", "fuzz-" + UUID.randomUUID().toString().substring(0, 8),
                "displayName", "Fuzz User", "password", "long enough password", "roles", List.of("AGENT"),
                "team", "fuzz-team")));
        all.put("deleteCustomer", () -> map("input", map("id", customer(), "reason", "duplicate")));
        all.put("dial", () -> map("input", map("customerId", customerId)));
        all.put("editCustomer", () -> {
            Map<String, Object> input = customerInput();
            input.put("id", customerId);
            return map("input", input);
        });
        all.put("editOpportunity", () -> {
            Map<String, Object> input = opportunityInput(customerId);
            input.remove("customerId");
            input.remove("stage");
            input.put("id", opportunityId);
            return map("input", input);
        });
        all.put("eraseCustomer", () -> map("input", map("id", customer(), "reason", "asked to be forgotten")));
        all.put("eraseNumber", () -> map("input", map("number", CustomerGraphQLTest.uniqueMobile(), "reason", "asked")));
        all.put("hangup", () -> map("input", map("callId", UUID.randomUUID().toString())));
        all.put("login", () -> map("input", map("username", victimUsername, "password", TestUsers.PASSWORD)));
        all.put("moveOpportunityStage", () -> map("input", map("id", opportunityId, "stage", "qualified")));
        all.put("openOpportunity", () -> map("input", opportunityInput(customerId)));
        all.put("removeFromBlacklist", () -> {
            String number = CustomerGraphQLTest.uniqueMobile();
            client.ok("mutation($n: String!, $s: String) { addToBlacklist(input: {number: $n, scope: $s, reason: \"r\"}) { entry { id } } }",
                    map("n", number, "s", SCOPE));
            return map("input", map("number", number, "match", "NUMBER", "scope", SCOPE, "reason", "lifted"));
        });
        all.put("removeTrunk", () -> map("input", map("id", client.ok("mutation($in: ConfigureTrunkInput!) { "
                + "configureTrunk(input: $in) { trunk { id } } }", map("in", trunkInput())).getString("data.configureTrunk.trunk.id"))));
        // nothing is parked: the processor and event are valid names that find nothing to retry or skip
        all.put("retryParkedEvents", () -> map("input", map("processor", "customer-view", "sequence", customerId)));
        all.put("skipParkedEvent", () -> map("input", map("processor", "customer-view", "eventId",
                UUID.randomUUID().toString(), "reason", "fuzzing")));
        all.put("setSipPassword", () -> map("input", map("userId", victimId, "password", "abcdefghijkl123")));
        // queries
        all.put("blacklistEntries", () -> map("scope", SCOPE));
        all.put("call", () -> map("id", UUID.randomUUID().toString()));
        all.put("callMedia", () -> map("callId", UUID.randomUUID().toString()));
        all.put("callRecords", () -> map("agentId", fuzzerId, "customerId", customerId, "result", "ANSWERED",
                "from", "2026-01-01T00:00:00Z", "to", "2030-01-01T00:00:00Z", "first", 5));
        all.put("customer", () -> map("id", customerId));
        all.put("node", () -> map("id", customerId));
        all.put("nodes", () -> map("ids", List.of(customerId, opportunityId)));
        all.put("customerAsOf", () -> map("customerId", customerId, "at", Instant.now().toString()));
        all.put("customerHistory", () -> map("customerId", customerId, "first", 5));
        all.put("customerIdsWithPhone", () -> map("phone", CustomerGraphQLTest.uniqueMobile()));
        all.put("customers", () -> map("name", "Fuzz", "phone", "139", "tag", "fuzz", "ownerId", fuzzerId,
                "first", 5));
        all.put("eventHistory", () -> map("aggregateId", customerId, "first", 5));
        all.put("forecast", () -> map("from", "2026-01", "to", "2027-12", "ownerId", fuzzerId));
        all.put("isBlacklisted", () -> map("number", CustomerGraphQLTest.uniqueMobile(), "scope", SCOPE));
        all.put("me", FuzzBaselines::map);
        all.put("mySipCredentials", FuzzBaselines::map);
        all.put("opportunities", () -> map("customerId", customerId, "stage", "lead", "ownerId", fuzzerId,
                "status", "OPEN", "first", 5));
        all.put("opportunity", () -> map("id", opportunityId));
        all.put("opportunityAsOf", () -> map("opportunityId", opportunityId, "at", Instant.now().toString()));
        all.put("pipelineTotals", () -> map("ownerId", fuzzerId));
        all.put("projectionStatus", () -> map("parkedFirst", 20));
        all.put("stages", FuzzBaselines::map);
        all.put("trunks", FuzzBaselines::map);
        all.put("users", FuzzBaselines::map);
        // the dialer: agent states, campaigns, contacts, reports
        all.put("agentLogin", () -> map("input", map("agentId", fuzzerId, "campaignIds",
                List.of(UUID.randomUUID().toString()), "wrapUpSeconds", 30)));
        all.put("agentLogout", () -> map("input", map("agentId", fuzzerId)));
        all.put("pauseAgent", () -> map("input", map("agentId", fuzzerId, "reasonCode", "break")));
        all.put("resumeAgent", () -> map("input", map("agentId", fuzzerId)));
        all.put("endWrapUp", () -> map("input", map("agentId", fuzzerId, "disposition", "INTERESTED")));
        all.put("definePauseReason", () -> map("input", map("code", pauseCode(), "label", "Fuzz reason")));
        all.put("removePauseReason", () -> {
            String code = pauseCode();
            client.ok("mutation($in: DefinePauseReasonInput!) { definePauseReason(input: $in) { userErrors { code } } }",
                    map("in", map("code", code, "label", "Fuzz reason")));
            return map("input", map("code", code));
        });
        all.put("createCampaign", () -> map("input", map("settings", campaignSettings())));
        all.put("editCampaign", () -> map("input", map("id", campaign(), "settings", map("name", "Edited fuzz campaign"))));
        all.put("startCampaign", () -> map("input", map("id", campaign(), "reason", "fuzzing")));
        all.put("pauseCampaign", () -> map("input", map("id", campaignIn("start"), "reason", "fuzzing")));
        all.put("resumeCampaign", () -> {
            String id = campaignIn("start");
            lifecycle("pause", id);
            return map("input", map("id", id, "reason", "fuzzing"));
        });
        all.put("stopCampaign", () -> map("input", map("id", campaignIn("start"), "reason", "fuzzing")));
        all.put("eraseContact", () -> map("input", map("contactId", UUID.randomUUID().toString(), "reason", "asked")));
        all.put("agentStates", () -> map("campaignId", UUID.randomUUID().toString(), "team", "fuzz-team"));
        all.put("pauseReasons", FuzzBaselines::map);
        all.put("campaign", () -> map("id", campaign()));
        all.put("campaigns", () -> map("status", "DRAFT", "first", 5));
        all.put("contactImport", () -> map("id", UUID.randomUUID().toString()));
        all.put("callReport", () -> map("input", map("from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z",
                "timeZone", "Asia/Shanghai", "groupBy", List.of("DAY", "AGENT"), "campaignId",
                UUID.randomUUID().toString(), "agentId", fuzzerId, "team", "fuzz-team")));
        return all;
    }

    private Map<String, Object> customerInput() {
        return map("name", "Fuzz Person", "phones", List.of(CustomerGraphQLTest.uniqueMobile()),
                "email", "fuzz@example.com", "company", "ACME", "tags", List.of("fuzz"),
                "customFields", List.of(map("key", "source", "value", "fuzz")));
    }

    private Map<String, Object> opportunityInput(String customer) {
        return map("customerId", customer, "title", "Fleet deal", "amount", "1000.50", "currency", "USD",
                "expectedCloseDate", "2027-01-31", "ownerId", fuzzerId, "stage", "lead");
    }

    /** Disabled, and only for numbers no test dials: a fuzzed trunk must never carry another test's call. */
    private static Map<String, Object> trunkInput() {
        return map("name", "fuzz trunk", "host", "127.0.0.1", "port", 5099, "transport", "UDP", "username", "fuzz",
                "password", "trunk secret", "callerId", "1000", "dialPrefix", "9", "maxChannels", 2, "enabled", false,
                "mediaEncryption", "NONE", "prefixes", List.of("+99999"), "priority", 5);
    }

    private static String pauseCode() {
        return "fuzz_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A campaign that can start: a trunk no test dials, a caller-ID, the fuzzer as its agent. */
    private Map<String, Object> campaignSettings() {
        return map("name", "Fuzz campaign", "mode", "PREDICTIVE", "agentIds", List.of(fuzzerId), "trunkIds",
                List.of(UUID.randomUUID().toString()), "callerIdPool", List.of("+861012345678"), "timeZone",
                "Asia/Shanghai", "window", map("start", "09:00", "end", "18:00"), "maxAttemptsPerDay", 2,
                "ringTimeoutSeconds", 25, "maxAbandonRate", 0.03, "linesPerAgent", 2);
    }

    private String campaign() {
        return client.ok("mutation($s: CampaignSettingsInput!) { createCampaign(input: {settings: $s}) "
                + "{ campaign { id } } }", map("s", campaignSettings())).getString("data.createCampaign.campaign.id");
    }

    private String campaignIn(String verb) {
        String id = campaign();
        lifecycle(verb, id);
        return id;
    }

    private void lifecycle(String verb, String id) {
        client.ok("mutation($id: ID!) { " + verb + "Campaign(input: {id: $id}) { userErrors { code } } }", map("id", id));
    }

    private String customer() {
        return client.ok(CustomerGraphQLTest.CREATE, map("in", map("name", "Fuzz Fixture", "phones",
                List.of(CustomerGraphQLTest.uniqueMobile())))).getString("data.createCustomer.customer.id");
    }

    private String opportunity(String customer) {
        return client.ok(OpportunityGraphQLTest.OPEN, map("in", opportunityInput(customer)))
                .getString("data.openOpportunity.opportunity.id");
    }

    /** A mutable map from key, value pairs (Map.of refuses to be changed, and the fuzzer changes copies). */
    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
