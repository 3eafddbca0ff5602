package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class BlacklistGraphQLTest {

    static final String ADD = "mutation($n: String!, $m: BlacklistMatch, $s: String, $r: String!, $e: DateTime) "
            + "{ addToBlacklist(input: {number: $n, match: $m, scope: $s, reason: $r, expiresAt: $e}) "
            + "{ entry { id pattern match scope } inReadModel userErrors { field code message } } }";
    static final String CHECK = "query($n: String!, $s: String) { isBlacklisted(number: $n, scope: $s) "
            + "{ number blacklisted entry { pattern match scope reason } } }";
    static final String REMOVE = "mutation($n: String!, $m: BlacklistMatch, $s: String) { removeFromBlacklist(input: {number: $n, "
            + "match: $m, scope: $s, reason: \"customer agreed\"}) "
            + "{ removedEntryId userErrors { field code message } } }";

    private GraphQL admin;

    @BeforeEach
    void logIn() {
        admin = GraphQL.admin();
    }

    private boolean blacklisted(String number, String scope) {
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("n", number);
        vars.put("s", scope);
        return admin.ok(CHECK, vars).getBoolean("data.isBlacklisted.blacklisted");
    }

    @Test
    void numberOnTheGlobalListIsBlacklistedInEveryScope() {
        String number = CustomerGraphQLTest.uniqueMobile();
        JsonPath added = admin.ok(ADD, Map.of("n", number, "r", "asked not to be called"));
        assertThat(added.getString("data.addToBlacklist.entry.pattern")).isEqualTo("+86" + number);
        assertThat(blacklisted(number, null)).isTrue();
        assertThat(blacklisted("+86 " + number, "campaign-42")).isTrue();
        assertThat(GraphQL.userErrorCode(admin.call(ADD, Map.of("n", number, "r", "again")), "addToBlacklist"))
                .isEqualTo("CONFLICT");

        assertThat(admin.ok(REMOVE, Map.of("n", number)).getString("data.removeFromBlacklist.removedEntryId"))
                .isEqualTo(added.getString("data.addToBlacklist.entry.id"));
        assertThat(blacklisted(number, null)).isFalse();
        assertThat(GraphQL.errorCode(admin.call(REMOVE, Map.of("n", number)))).isEqualTo("NOT_FOUND");
        admin.ok(ADD, Map.of("n", number, "r", "changed their mind again"));
        assertThat(blacklisted(number, null)).isTrue();
    }

    @Test
    void campaignEntryBlocksOnlyThatCampaign() {
        String number = CustomerGraphQLTest.uniqueMobile();
        admin.ok(ADD, Map.of("n", number, "s", "spring-sale", "r", "opted out of this campaign"));
        assertThat(blacklisted(number, "spring-sale")).isTrue();
        assertThat(blacklisted(number, "autumn-sale")).isFalse();
        assertThat(blacklisted(number, null)).isFalse();
    }

    @Test
    void prefixBlocksEveryNumberUnderIt() {
        admin.ok(ADD, Map.of("n", "+8617099", "m", "PREFIX", "r", "virtual operator range"));
        assertThat(blacklisted("17099001234", null)).isTrue();
        assertThat(blacklisted("17098001234", null)).isFalse();
        JsonPath entry = admin.ok(CHECK, Map.of("n", "17099001234"));
        assertThat(entry.getString("data.isBlacklisted.entry.match")).isEqualTo("PREFIX");
    }

    @Test
    void expiredEntryNoLongerBlocksAndPastExpiryIsRefused() {
        String number = CustomerGraphQLTest.uniqueMobile();
        JsonPath past = admin.call(ADD, Map.of("n", number, "r", "x", "e", "2001-01-01T00:00:00Z"));
        assertThat(GraphQL.userErrorCode(past, "addToBlacklist")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(past, "addToBlacklist")).containsExactly("expiresAt");
        admin.ok(ADD, Map.of("n", number, "r", "until the end of the century", "e", "2099-12-31T00:00:00Z"));
        assertThat(blacklisted(number, null)).isTrue();
    }

    @Test
    void invalidNumberIsAValidationError() {
        JsonPath refused = admin.call(ADD, Map.of("n", "not a number", "r", "x"));
        assertThat(GraphQL.userErrorCode(refused, "addToBlacklist")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(refused, "addToBlacklist")).containsExactly("number");
        assertThat(refused.getString("data.addToBlacklist.entry")).isNull();
        assertThat(GraphQL.errorCode(admin.call(CHECK, Map.of("n", "12")))).isEqualTo("VALIDATION");
    }
}
