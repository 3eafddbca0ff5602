package io.waihu.backend.blacklist;

import static io.waihu.backend.domain.RuleViolationMatcher.conflict;
import static io.waihu.backend.domain.RuleViolationMatcher.gone;
import static io.waihu.backend.domain.RuleViolationMatcher.invalid;

import io.waihu.schema.blacklist.AddBlacklistEntryCommand;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistEntryRemovedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import io.waihu.schema.blacklist.BlacklistScope;
import io.waihu.schema.blacklist.RemoveBlacklistEntryCommand;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlacklistEntryTest {

    private static final String NUMBER = "+8613800138000";
    private static final String PREFIX = "+86400";
    private static final String CAMPAIGN = "spring-2030";
    private static final String REASON = "asked not to be called";
    /** Far enough ahead that "in the future" holds whenever the test runs. */
    private static final Instant FAR_FUTURE = Instant.parse("2200-01-01T00:00:00Z");
    private static final Instant PAST = Instant.parse("2000-01-01T00:00:00Z");

    private FixtureConfiguration<BlacklistEntry> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BlacklistEntry.class);
    }

    // --- add ---

    @Test
    void numberIsBlacklistedGlobally() {
        fixture.givenNoPriorActivity()
                .when(add(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, REASON, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(added(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, null));
    }

    @Test
    void prefixIsBlacklistedInACampaignUntilItExpires() {
        fixture.givenNoPriorActivity()
                .when(add(PREFIX, BlacklistMatch.PREFIX, CAMPAIGN, REASON, FAR_FUTURE))
                .expectEvents(added(PREFIX, BlacklistMatch.PREFIX, CAMPAIGN, FAR_FUTURE));
    }

    @Test
    void blacklistedNumberCannotBeAddedTwiceInTheSameScope() {
        fixture.given(added(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, null))
                .when(add(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, "again", null))
                .expectException(conflict())
                .expectNoEvents();
    }

    @Test
    void removedNumberCanBeBlacklistedAgain() {
        fixture.given(added(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, null), removed("consent given"))
                .when(add(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, REASON, null))
                .expectEvents(added(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, null));
    }

    @Test
    void entryMustSayWhetherItIsANumberOrAPrefix() {
        fixture.givenNoPriorActivity()
                .when(add(NUMBER, null, BlacklistScope.GLOBAL, REASON, null))
                .expectException(invalid("match"))
                .expectNoEvents();
    }

    @Test
    void entryWithoutPatternIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add(null, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, REASON, null))
                .expectException(invalid("pattern"));
    }

    @Test
    void numberNotInE164FormIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add("13800138000", BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, REASON, null))
                .expectException(invalid("pattern"));
    }

    @Test
    void prefixCannotBeBlacklistedAsANumber() {
        fixture.givenNoPriorActivity()
                .when(add("+86", BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, REASON, null))
                .expectException(invalid("pattern"));
    }

    @Test
    void prefixWithoutPlusIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add("86400", BlacklistMatch.PREFIX, BlacklistScope.GLOBAL, REASON, null))
                .expectException(invalid("pattern"));
    }

    @Test
    void prefixLongerThan15DigitsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add("+" + "8".repeat(16), BlacklistMatch.PREFIX, BlacklistScope.GLOBAL, REASON, null))
                .expectException(invalid("pattern"));
    }

    @Test
    void scopeWithForbiddenCharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add(NUMBER, BlacklistMatch.NUMBER, "spring 2030/*", REASON, null))
                .expectException(invalid("scope"));
    }

    @Test
    void scopeLongerThan64CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add(NUMBER, BlacklistMatch.NUMBER, "c".repeat(65), REASON, null))
                .expectException(invalid("scope"));
    }

    @Test
    void entryWithoutReasonIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, " ", null))
                .expectException(invalid("reason"));
    }

    @Test
    void reasonLongerThan500CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, "r".repeat(501), null))
                .expectException(invalid("reason"));
    }

    @Test
    void expiryInThePastIsRefused() {
        fixture.givenNoPriorActivity()
                .when(add(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, REASON, PAST))
                .expectException(invalid("expiresAt"));
    }

    @Test
    void entryIdNotDerivedFromScopeAndPatternIsRefused() {
        String otherScopesId = BlacklistScope.entryId(CAMPAIGN, NUMBER);
        fixture.givenNoPriorActivity()
                .when(new AddBlacklistEntryCommand(otherScopesId, NUMBER, BlacklistMatch.NUMBER,
                        BlacklistScope.GLOBAL, REASON, null))
                .expectException(invalid("entryId"));
    }

    // --- remove ---

    @Test
    void removalRecordsWhatWasBlockedAndWhy() {
        fixture.given(added(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, null))
                .when(new RemoveBlacklistEntryCommand(id(BlacklistScope.GLOBAL, NUMBER), "consent given"))
                .expectEvents(removed("consent given"));
    }

    @Test
    void removedEntryCannotBeRemovedAgain() {
        fixture.given(added(NUMBER, BlacklistMatch.NUMBER, BlacklistScope.GLOBAL, null), removed("consent given"))
                .when(new RemoveBlacklistEntryCommand(id(BlacklistScope.GLOBAL, NUMBER), "again"))
                .expectException(gone())
                .expectNoEvents();
    }

    @Test
    void numberThatWasNeverBlacklistedCannotBeRemoved() {
        fixture.givenNoPriorActivity()
                .when(new RemoveBlacklistEntryCommand(id(BlacklistScope.GLOBAL, NUMBER), "consent given"))
                .expectException(AggregateNotFoundException.class);
    }

    private static String id(String scope, String pattern) {
        return BlacklistScope.entryId(scope, pattern);
    }

    private static AddBlacklistEntryCommand add(String pattern, BlacklistMatch match, String scope, String reason,
            Instant expiresAt) {
        return new AddBlacklistEntryCommand(id(scope, pattern), pattern, match, scope, reason, expiresAt);
    }

    private static BlacklistEntryAddedEvent added(String pattern, BlacklistMatch match, String scope,
            Instant expiresAt) {
        return new BlacklistEntryAddedEvent(id(scope, pattern), pattern, match, scope, REASON, expiresAt);
    }

    private static BlacklistEntryRemovedEvent removed(String reason) {
        return new BlacklistEntryRemovedEvent(id(BlacklistScope.GLOBAL, NUMBER), NUMBER, BlacklistMatch.NUMBER,
                BlacklistScope.GLOBAL, reason);
    }
}
