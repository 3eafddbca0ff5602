package io.waihu.projections.blacklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.projections.blacklist.BlacklistIndex.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlacklistIndexTest {

    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
    private static final String NUMBER = "+8613800138000";
    private static final String CAMPAIGN = "spring-2030";

    private BlacklistIndex index;

    @BeforeEach
    void setUp() {
        index = new BlacklistIndex();
    }

    @Test
    void blacklistedNumberIsMatched() {
        Entry entry = number(NUMBER, "GLOBAL", null);
        index.put(entry);

        assertThat(index.match(NUMBER, "GLOBAL", NOW)).contains(entry);
    }

    @Test
    void otherNumbersAreNotMatched() {
        index.put(number(NUMBER, "GLOBAL", null));

        assertThat(index.match("+8613800138001", "GLOBAL", NOW)).isEmpty();
    }

    @Test
    void prefixBlocksEveryNumberStartingWithIt() {
        Entry entry = prefix("+86400", "GLOBAL", null);
        index.put(entry);

        assertThat(index.match("+864001234567", "GLOBAL", NOW)).contains(entry);
        assertThat(index.match("+86400", "GLOBAL", NOW)).contains(entry);
        assertThat(index.match("+864011234567", "GLOBAL", NOW)).isEmpty();
    }

    @Test
    void numberEntryDoesNotActAsAPrefix() {
        index.put(number("+8613800", "GLOBAL", null));

        assertThat(index.match(NUMBER, "GLOBAL", NOW)).isEmpty();
    }

    @Test
    void longestMatchingPrefixIsReported() {
        Entry country = prefix("+86", "GLOBAL", null);
        Entry premium = prefix("+86400", "GLOBAL", null);
        index.put(country);
        index.put(premium);

        assertThat(index.match("+864001234567", "GLOBAL", NOW)).contains(premium);
    }

    @Test
    void campaignScopeIncludesTheGlobalList() {
        Entry global = number(NUMBER, "GLOBAL", null);
        index.put(global);

        assertThat(index.match(NUMBER, CAMPAIGN, NOW)).contains(global);
    }

    @Test
    void campaignEntryBlocksItsOwnCampaign() {
        Entry entry = number(NUMBER, CAMPAIGN, null);
        index.put(entry);

        assertThat(index.match(NUMBER, CAMPAIGN, NOW)).contains(entry);
    }

    @Test
    void campaignEntryDoesNotBlockOtherCampaigns() {
        index.put(number(NUMBER, CAMPAIGN, null));

        assertThat(index.match(NUMBER, "autumn-2030", NOW)).isEmpty();
    }

    @Test
    void campaignEntryDoesNotBlockGlobally() {
        index.put(number(NUMBER, CAMPAIGN, null));

        assertThat(index.match(NUMBER, "GLOBAL", NOW)).isEmpty();
        assertThat(index.match(NUMBER, null, NOW)).isEmpty();
    }

    @Test
    void expiredEntryIsIgnored() {
        index.put(number(NUMBER, "GLOBAL", NOW.minus(Duration.ofMinutes(1))));

        assertThat(index.match(NUMBER, "GLOBAL", NOW)).isEmpty();
    }

    @Test
    void entryExpiresAtItsExpiryInstant() {
        index.put(number(NUMBER, "GLOBAL", NOW));

        assertThat(index.match(NUMBER, "GLOBAL", NOW)).isEmpty();
        assertThat(index.match(NUMBER, "GLOBAL", NOW.minusMillis(1))).isPresent();
    }

    @Test
    void expiredPrefixIsIgnored() {
        index.put(prefix("+86400", "GLOBAL", NOW.minus(Duration.ofDays(1))));

        assertThat(index.match("+864001234567", "GLOBAL", NOW)).isEmpty();
    }

    @Test
    void expiredGlobalEntryLetsTheCampaignEntryAnswer() {
        index.put(number(NUMBER, "GLOBAL", NOW.minus(Duration.ofDays(1))));
        Entry campaign = number(NUMBER, CAMPAIGN, null);
        index.put(campaign);

        assertThat(index.match(NUMBER, CAMPAIGN, NOW)).contains(campaign);
    }

    @Test
    void removedEntryNoLongerMatches() {
        index.put(number(NUMBER, "GLOBAL", null));
        index.remove("GLOBAL", NUMBER);

        assertThat(index.match(NUMBER, "GLOBAL", NOW)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void removingFromAnUnknownScopeChangesNothing() {
        index.put(number(NUMBER, "GLOBAL", null));
        index.remove(CAMPAIGN, NUMBER);

        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void replaceAllDropsWhatIsNoLongerListed() {
        index.put(number(NUMBER, CAMPAIGN, null));
        Entry reloaded = prefix("+86400", "GLOBAL", null);

        index.replaceAll(List.of(reloaded));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.match(NUMBER, CAMPAIGN, NOW)).isEmpty();
        assertThat(index.match("+864001234567", CAMPAIGN, NOW)).contains(reloaded);
    }

    private static Entry number(String e164, String scope, Instant expiresAt) {
        return new Entry(scope + "|" + e164, e164, false, scope, "asked not to be called", expiresAt);
    }

    private static Entry prefix(String prefix, String scope, Instant expiresAt) {
        return new Entry(scope + "|" + prefix, prefix, true, scope, "premium-rate range", expiresAt);
    }
}
