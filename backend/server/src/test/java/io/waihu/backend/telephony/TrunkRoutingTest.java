package io.waihu.backend.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.projections.telephony.TrunkView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which trunk a call without a chosen one goes to: longest prefix, then priority, then name; full trunks passed over. */
class TrunkRoutingTest {

    private static TrunkView trunk(String id, String prefixes, int priority, int maxChannels, boolean enabled) {
        TrunkView t = new TrunkView();
        t.trunkId = id;
        t.name = id;
        t.prefixes = prefixes;
        t.priority = priority;
        t.maxChannels = maxChannels;
        t.enabled = enabled;
        return t;
    }

    private static final List<TrunkView> TRUNKS = List.of(
            trunk("anywhere", "", 0, 10, true),
            trunk("china", "+86", 5, 10, true),
            trunk("beijing", "+8610 +86400", 5, 2, true),
            trunk("beijing-backup", "+8610", 9, 10, true),
            trunk("beijing-cheap", "+8610", 1, 10, false));

    private static String route(String e164, Map<String, Integer> inUse) {
        return TrunkDirectory.route(TRUNKS, e164, id -> inUse.getOrDefault(id, 0));
    }

    @Test
    void longestMatchingPrefixWins() {
        assertThat(route("+861012345678", Map.of())).isEqualTo("beijing");
        assertThat(route("+864001234567", Map.of())).isEqualTo("beijing");
        assertThat(route("+8613812345678", Map.of())).isEqualTo("china");
        assertThat(route("+14155550100", Map.of())).as("a trunk without prefixes carries the rest").isEqualTo("anywhere");
    }

    @Test
    void priorityThenNameBreakTiesAndDisabledTrunksNeverCarry() {
        List<TrunkView> tied = List.of(trunk("b", "+86", 1, 10, true), trunk("a", "+86", 1, 10, true),
                trunk("c", "+86", 0, 10, false));
        assertThat(TrunkDirectory.route(tied, "+8613812345678", id -> 0)).isEqualTo("a");
    }

    @Test
    void aFullTrunkIsPassedOverForTheNextThatMatches() {
        assertThat(route("+861012345678", Map.of("beijing", 2))).isEqualTo("beijing-backup");
        assertThat(route("+861012345678", Map.of("beijing", 2, "beijing-backup", 10))).isEqualTo("china");
        assertThat(route("+861012345678", Map.of("beijing", 2, "beijing-backup", 10, "china", 10, "anywhere", 10)))
                .as("all full: the best match, whose gateway answers CONGESTION").isEqualTo("beijing");
    }

    @Test
    void noTrunkCarriesANumberOutsideEveryPrefix() {
        List<TrunkView> onlyChina = List.of(trunk("china", "+86", 0, 10, true));
        assertThat(TrunkDirectory.route(onlyChina, "+14155550100", id -> 0)).isNull();
    }
}
