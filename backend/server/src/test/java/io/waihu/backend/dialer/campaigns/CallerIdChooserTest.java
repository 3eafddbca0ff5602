package io.waihu.backend.dialer.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.dialer.policy.CalleeTimeZones;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caller ID closest to the callee wins: area code, then region (time zones), then country, then any. */
class CallerIdChooserTest {

    private static final CalleeTimeZones ZONES = CalleeTimeZones.load();
    private static final String BEIJING = "+861012345678";
    private static final String SHANGHAI = "+862112345678";
    private static final String CN_MOBILE = "+8613800138000";
    private static final String NEW_YORK = "+12125550100";
    private static final String NEW_YORK_OTHER_AREA = "+19175550100";
    private static final String LOS_ANGELES = "+12135550100";
    private static final String LONDON = "+442079460000";

    private static CallerIdChooser pool(String... numbers) {
        return new CallerIdChooser(List.of(numbers), ZONES);
    }

    @Test
    void aCallerIdWithTheCalleesAreaCodeIsPreferred() {
        CallerIdChooser chooser = pool(SHANGHAI, BEIJING, LONDON);
        assertThat(chooser.choose("+861087654321", 0)).contains(BEIJING);
        assertThat(chooser.choose("+862187654321", 7)).contains(SHANGHAI);
        assertThat(pool(LOS_ANGELES, NEW_YORK, NEW_YORK_OTHER_AREA).choose("+12125550199", 1)).contains(NEW_YORK);
    }

    @Test
    void withoutTheAreaCodeTheSameRegionWins() {
        // +1 917 is New York too: same zone, other area code; Los Angeles is the same country only
        assertThat(pool(LOS_ANGELES, NEW_YORK_OTHER_AREA).choose("+12125550199", 0)).contains(NEW_YORK_OTHER_AREA);
    }

    @Test
    void withoutTheRegionTheSameCountryWinsAndOtherwiseAny() {
        assertThat(pool(LONDON, LOS_ANGELES).choose("+15125550100", 0)).contains(LOS_ANGELES);
        assertThat(pool(LONDON, CN_MOBILE).choose(NEW_YORK, 0)).isPresent();
        assertThat(pool().choose(NEW_YORK, 0)).isEmpty();
    }

    @Test
    void equallyCloseCallerIdsTakeTurns() {
        CallerIdChooser chooser = pool(LONDON, "+861011110000", "+861022220000", "+861033330000");
        Set<String> used = new HashSet<>();
        for (long sequence = 0; sequence < 6; sequence++) {
            used.add(chooser.choose(BEIJING, sequence).orElseThrow());
        }
        assertThat(used).containsExactlyInAnyOrder("+861011110000", "+861022220000", "+861033330000");
        assertThat(chooser.choose(BEIJING, 4)).isEqualTo(chooser.choose(BEIJING, 1));
    }
}
