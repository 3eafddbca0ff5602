package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every query and mutation in the schema, called as every role (and anonymously): each
 * answer is FORBIDDEN exactly when the matrix below says the role may not call it. A new
 * operation fails this test until it is added to the matrix.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RoleMatrixTest {

    enum Role { ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR }

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> CRM_READ = EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.AUDITOR);
    private static final Set<Role> CRM_WRITE = EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
    private static final Set<Role> SALES_READ = EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.ANALYST);
    private static final Set<Role> AUDIT = EnumSet.of(Role.ADMIN, Role.AUDITOR);

    private record Operation(String document, Set<Role> allowed) {
    }

    /** The matrix: operation → sample call → roles allowed. "login" is public. */
    private static Map<String, Operation> matrix() {
        String id = UUID.randomUUID().toString();
        String phone = CustomerGraphQLTest.uniqueMobile();
        Map<String, Operation> m = new LinkedHashMap<>();
        m.put("customer", new Operation("{ customer(id: \"" + id + "\") { id } }", CRM_READ));
        m.put("customers", new Operation("{ customers(first: 1) { pageInfo { hasNextPage } totalCount } }", CRM_READ));
        m.put("customerHistory", new Operation("{ customerHistory(customerId: \"" + id + "\") { nodes { type } totalCount } }",
                CRM_READ));
        m.put("customerIdsWithPhone", new Operation("{ customerIdsWithPhone(phone: \"" + phone + "\") }", CRM_WRITE));
        m.put("me", new Operation("{ me { id } }", ALL));
        m.put("node", new Operation("{ node(id: \"" + id + "\") { id } }", ALL));
        m.put("nodes", new Operation("{ nodes(ids: [\"" + id + "\"]) { id } }", ALL));
        m.put("stages", new Operation("{ stages { name } }", ALL));
        m.put("opportunity", new Operation("{ opportunity(id: \"" + id + "\") { id } }", ALL));
        m.put("opportunities", new Operation("{ opportunities(first: 1) { pageInfo { hasNextPage } totalCount } }", ALL));
        m.put("pipelineTotals", new Operation("{ pipelineTotals { stage } }", SALES_READ));
        m.put("forecast", new Operation("{ forecast { month } }", SALES_READ));
        m.put("isBlacklisted", new Operation("{ isBlacklisted(number: \"" + phone + "\") { blacklisted } }", CRM_WRITE));
        m.put("blacklistEntries", new Operation("{ blacklistEntries { nodes { id } } }",
                EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.AUDITOR)));
        m.put("users", new Operation("{ users { nodes { id } } }", EnumSet.of(Role.ADMIN, Role.SUPERVISOR)));
        m.put("eventHistory", new Operation("{ eventHistory(aggregateId: \"" + id + "\") { nodes { type } totalCount } }",
                AUDIT));
        m.put("customerAsOf", new Operation("{ customerAsOf(customerId: \"" + id
                + "\", at: \"2030-01-01T00:00:00Z\") { id } }", AUDIT));
        m.put("opportunityAsOf", new Operation("{ opportunityAsOf(opportunityId: \"" + id
                + "\", at: \"2030-01-01T00:00:00Z\") { id } }", AUDIT));
        m.put("projectionStatus", new Operation("{ projectionStatus { head } }", EnumSet.of(Role.ADMIN)));
        m.put("retryParkedEvents", new Operation("mutation { retryParkedEvents(input: {processor: \"trunk-view\", "
                + "sequence: \"" + id + "\"}) { applied } }", EnumSet.of(Role.ADMIN)));
        m.put("skipParkedEvent", new Operation("mutation { skipParkedEvent(input: {processor: \"trunk-view\", eventId: \""
                + id + "\", reason: \"matrix\"}) { parkedEvent { eventId } } }", EnumSet.of(Role.ADMIN)));
        m.put("login", new Operation("mutation { login(input: {username: \"nobody-" + id + "\", password: \"x\"}) { token } }",
                null));
        m.put("createCustomer", new Operation("mutation { createCustomer(input: {name: \"Matrix\", phones: []}) { customer { id } } }",
                CRM_WRITE));
        m.put("editCustomer", new Operation("mutation { editCustomer(input: {id: \"" + id + "\", name: \"x\"}) { customer { id } } }",
                CRM_WRITE));
        m.put("assignCustomerOwner", new Operation("mutation { assignCustomerOwner(input: {id: \"" + id + "\", ownerId: \""
                + id + "\"}) { customer { id } } }", EnumSet.of(Role.ADMIN, Role.SUPERVISOR)));
        m.put("deleteCustomer", new Operation("mutation { deleteCustomer(input: {id: \"" + id + "\"}) { customer { id } } }", CRM_WRITE));
        m.put("eraseCustomer", new Operation("mutation { eraseCustomer(input: {id: \"" + id + "\", reason: \"r\"}) { customer { id } } }",
                EnumSet.of(Role.ADMIN)));
        m.put("openOpportunity", new Operation("mutation { openOpportunity(input: {customerId: \"" + id
                + "\", title: \"t\", amount: \"1\"}) { opportunity { id } } }", CRM_WRITE));
        m.put("editOpportunity", new Operation("mutation { editOpportunity(input: {id: \"" + id + "\", title: \"t\"}) "
                + "{ opportunity { id } } }", CRM_WRITE));
        m.put("moveOpportunityStage", new Operation("mutation { moveOpportunityStage(input: {id: \"" + id
                + "\", stage: \"qualified\"}) { opportunity { id } } }", CRM_WRITE));
        m.put("closeOpportunity", new Operation("mutation { closeOpportunity(input: {id: \"" + id + "\", won: true}) "
                + "{ opportunity { id } } }", CRM_WRITE));
        m.put("addToBlacklist", new Operation("mutation { addToBlacklist(input: {number: \"+8617" + phone.substring(2)
                + "\", reason: \"matrix\"}) { entry { id } } }", CRM_WRITE));
        m.put("removeFromBlacklist", new Operation("mutation { removeFromBlacklist(input: {number: \"" + phone
                + "\", reason: \"matrix\"}) { removedEntryId } }", EnumSet.of(Role.ADMIN, Role.SUPERVISOR)));
        m.put("createUser", new Operation("mutation { createUser(input: {username: \"m-" + id.substring(0, 8)
                + "\", displayName: \"M\", password: \"short\", roles: [AGENT]}) { user { id } } }", EnumSet.of(Role.ADMIN)));
        m.put("changeUser", new Operation("mutation { changeUser(input: {id: \"" + id + "\", displayName: \"x\"}) { user { id } } }",
                EnumSet.of(Role.ADMIN)));
        m.put("changePassword", new Operation("mutation { changePassword(input: {currentPassword: \"wrong\", "
                + "newPassword: \"long enough password\"}) { userErrors { code } } }", ALL));
        m.put("call", new Operation("{ call(id: \"" + id + "\") { id } }", ALL));
        m.put("callRecords", new Operation("{ callRecords(first: 1) { pageInfo { hasNextPage } } }", ALL));
        m.put("callReport", new Operation("{ callReport(input: {from: \"2026-01-01T00:00:00Z\", to: \"2026-01-02T00:00:00Z\"}) "
                + "{ rows { attempts } } }", EnumSet.of(Role.ADMIN, Role.ANALYST, Role.SUPERVISOR, Role.AGENT)));
        m.put("callMedia", new Operation("{ callMedia(callId: \"" + id + "\") { callId } }",
                EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT)));
        m.put("dial", new Operation("mutation { dial(input: {number: \"" + phone + "\"}) { call { id } } }",
                EnumSet.of(Role.SUPERVISOR, Role.AGENT)));
        m.put("hangup", new Operation("mutation { hangup(input: {callId: \"" + id + "\"}) { call { id } } }", CRM_WRITE));
        m.put("eraseNumber", new Operation("mutation { eraseNumber(input: {number: \"+8617" + phone.substring(2)
                + "\", reason: \"matrix\"}) { callsErased } }", EnumSet.of(Role.ADMIN)));
        m.put("trunks", new Operation("{ trunks { nodes { id } } }", EnumSet.of(Role.ADMIN, Role.SUPERVISOR)));
        m.put("configureTrunk", new Operation("mutation { configureTrunk(input: {name: \"m\", host: \"bad host!\"}) "
                + "{ trunk { id } } }", EnumSet.of(Role.ADMIN)));
        m.put("removeTrunk", new Operation("mutation { removeTrunk(input: {id: \"" + id + "\"}) { removedTrunkId } }", EnumSet.of(Role.ADMIN)));
        m.put("setSipPassword", new Operation("mutation { setSipPassword(input: {userId: \"" + id + "\"}) { credentials { username } } }",
                EnumSet.of(Role.ADMIN)));
        m.put("mySipCredentials", new Operation("{ mySipCredentials { username } }",
                EnumSet.of(Role.SUPERVISOR, Role.AGENT)));
        Set<Role> agentStates = EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        m.put("agentStates", new Operation("{ agentStates { agentId } }", agentStates));
        m.put("pauseReasons", new Operation("{ pauseReasons { code } }", agentStates));
        m.put("agentLogin", new Operation("mutation { agentLogin(input: {campaignIds: [\"matrix\"]}) "
                + "{ userErrors { code } } }", agentStates));
        m.put("agentLogout", new Operation("mutation { agentLogout(input: {}) { userErrors { code } } }", agentStates));
        m.put("pauseAgent", new Operation("mutation { pauseAgent(input: {reasonCode: \"break\"}) { userErrors { code } } }",
                agentStates));
        m.put("resumeAgent", new Operation("mutation { resumeAgent(input: {}) { userErrors { code } } }", agentStates));
        m.put("endWrapUp", new Operation("mutation { endWrapUp(input: {disposition: \"matrix\"}) { userErrors { code } } }",
                agentStates));
        m.put("definePauseReason", new Operation("mutation { definePauseReason(input: {code: \"Not A Code\", "
                + "label: \"x\"}) { userErrors { code } } }", EnumSet.of(Role.ADMIN)));
        m.put("removePauseReason", new Operation("mutation { removePauseReason(input: {code: \"no_such_reason\"}) "
                + "{ userErrors { code } } }", EnumSet.of(Role.ADMIN)));
        Set<Role> campaignChange = EnumSet.of(Role.ADMIN, Role.SUPERVISOR);
        m.put("campaign", new Operation("{ campaign(id: \"" + id + "\") { id } }", ALL));
        m.put("campaigns", new Operation("{ campaigns(first: 1) { nodes { id } totalCount } }",
                EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.ANALYST, Role.AUDITOR)));
        m.put("createCampaign", new Operation("mutation { createCampaign(input: {settings: {timeZone: \"Mars/Olympus\"}}) "
                + "{ campaign { id } } }", campaignChange));
        m.put("editCampaign", new Operation("mutation { editCampaign(input: {id: \"" + id + "\", settings: {}}) "
                + "{ campaign { id } } }", campaignChange));
        for (String verb : List.of("start", "pause", "resume", "stop")) {
            m.put(verb + "Campaign", new Operation("mutation { " + verb + "Campaign(input: {id: \"" + id + "\"}) "
                    + "{ campaign { id } } }", campaignChange));
        }
        m.put("contactImport", new Operation("{ contactImport(id: \"" + id + "\") { id } }",
                EnumSet.of(Role.ADMIN, Role.SUPERVISOR)));
        m.put("eraseContact", new Operation("mutation { eraseContact(input: {contactId: \"" + id
                + "\", reason: \"matrix\"}) { contactId } }", EnumSet.of(Role.ADMIN)));
        return m;
    }

    @Test
    void everyOperationOfTheSchemaIsInTheMatrix() throws java.io.IOException {
        Set<String> operations = new TreeSet<>();
        // one type per request: graphql-java refuses introspection that lists fields of several types at once
        for (String type : List.of("queryType", "mutationType")) {
            JsonPath schema = GraphQL.anonymous().call("{ __schema { " + type + " { fields { name } } } }");
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(schema.prettify())
                    .path("data").path("__schema").path(type).path("fields")
                    .forEach(field -> operations.add(field.path("name").asText()));
        }
        assertThat(operations).isEqualTo(new TreeSet<>(matrix().keySet()));
    }

    @Test
    void eachRoleGetsExactlyWhatTheMatrixAllows() {
        GraphQL admin = GraphQL.admin();
        Map<Role, GraphQL> clients = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            clients.put(role, TestUsers.create(admin, role.name(), TestUsers.uniqueTeam()).client());
        }
        List<String> wrong = new ArrayList<>();
        matrix().forEach((operation, spec) -> {
            JsonPath anonymousAnswer = GraphQL.anonymous().call(spec.document());
            String anonymous = GraphQL.errorCode(anonymousAnswer);
            boolean gated = "log in first".equals(anonymousAnswer.getString("errors[0].message"));
            if (spec.allowed() == null ? gated || "FORBIDDEN".equals(anonymous)
                    : !("UNAUTHENTICATED".equals(anonymous) && gated)) {
                wrong.add(operation + " as anonymous gave " + anonymous);
            }
        });
        wrong.addAll(wrongAnswers(clients));
        assertThat(wrong).isEmpty();
    }

    /**
     * Every role's old token after its user was disabled: every operation but the public one is
     * refused as UNAUTHENTICATED, telling the client to log in again. (Users are disabled, never
     * deleted: there is no deletion to test.)
     */
    @Test
    void aDisabledUsersOldTokenIsRefusedEverywhere() {
        GraphQL admin = GraphQL.admin();
        Map<Role, GraphQL> old = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            TestUsers.Login user = TestUsers.create(admin, role.name(), TestUsers.uniqueTeam());
            old.put(role, user.client());
            admin.ok(RevocationTest.CHANGE_USER, RevocationTest.vars("id", user.id(), "e", false));
        }
        assertThat(refusedEverywhere(old)).isEmpty();
    }

    /**
     * Each role's user re-roled to the next role: the old token is refused everywhere, and after
     * logging in again the user gets exactly the new role's rights — not the old ones, not both.
     */
    @Test
    void aReRoledUserGetsExactlyTheNewRolesRights() {
        GraphQL admin = GraphQL.admin();
        Map<Role, GraphQL> old = new EnumMap<>(Role.class);
        Map<Role, GraphQL> fresh = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Role next = Role.values()[(role.ordinal() + 1) % Role.values().length];
            TestUsers.Login user = TestUsers.create(admin, role.name(), TestUsers.uniqueTeam());
            old.put(next, user.client());
            admin.ok(RevocationTest.CHANGE_USER, RevocationTest.vars("id", user.id(), "r", List.of(next.name())));
            fresh.put(next, GraphQL.as(user.username(), TestUsers.PASSWORD));
        }
        assertThat(refusedEverywhere(old)).isEmpty();
        assertThat(wrongAnswers(fresh)).isEmpty();
    }

    /** Where a role's client was not refused FORBIDDEN exactly when the matrix says so. */
    private static List<String> wrongAnswers(Map<Role, GraphQL> clients) {
        List<String> wrong = new ArrayList<>();
        matrix().forEach((operation, spec) -> {
            for (Role role : clients.keySet()) {
                JsonPath answer = clients.get(role).call(spec.document());
                String code = GraphQL.errorCode(answer);
                boolean allowed = spec.allowed() == null || spec.allowed().contains(role);
                if (answer.getString("errors[0].extensions.classification") != null
                        && answer.getString("errors[0].extensions.classification").equals("ValidationError")) {
                    wrong.add(operation + " sample is not valid GraphQL: " + answer.getString("errors[0].message"));
                } else if (allowed == "FORBIDDEN".equals(code)
                        || (spec.allowed() != null && "UNAUTHENTICATED".equals(code))) {
                    wrong.add(operation + " as " + role + " gave " + code + " but allowed=" + allowed);
                }
            }
        });
        return wrong;
    }

    /** Operations (all but the public one) that some outdated token was not refused with "log in again". */
    private static List<String> refusedEverywhere(Map<Role, GraphQL> outdated) {
        List<String> wrong = new ArrayList<>();
        matrix().forEach((operation, spec) -> {
            if (spec.allowed() == null) {
                return;
            }
            for (Role role : outdated.keySet()) {
                JsonPath answer = outdated.get(role).call(spec.document());
                String message = answer.getString("errors[0].message");
                if (!"UNAUTHENTICATED".equals(GraphQL.errorCode(answer)) || message == null
                        || !message.contains("log in again")) {
                    wrong.add(operation + " with the outdated token of a " + role + " gave "
                            + GraphQL.errorCode(answer) + " " + message);
                }
            }
        });
        return wrong;
    }
}
