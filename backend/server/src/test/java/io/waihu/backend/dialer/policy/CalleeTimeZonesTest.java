package io.waihu.backend.dialer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zones a number rings in, as libphonenumber's time-zone mapper (v9.0.19 data) gives them. */
class CalleeTimeZonesTest {

    private final CalleeTimeZones zones = CalleeTimeZones.load();

    private List<String> of(String e164) {
        return zones.forNumber(e164).stream().map(ZoneId::getId).toList();
    }

    @Test
    void fixedLineMapsByAreaCode() {
        assertThat(of("+12125550123")).containsExactly("America/New_York");
        assertThat(of("+18085550123")).containsExactly("Pacific/Honolulu");
        assertThat(of("+74951234567")).containsExactly("Europe/Moscow");
        assertThat(of("+861012345678")).containsExactly("Asia/Shanghai");
        assertThat(of("+4930123456")).containsExactly("Europe/Berlin");
    }

    @Test
    void longestPrefixWins() {
        // 1907 (Alaska) spans two zones; 1208 2… (Idaho) splits further down to 1208201 (Denver)
        assertThat(of("+19075551234")).containsExactly("America/Adak", "America/Anchorage");
        assertThat(of("+12082011234")).containsExactly("America/Denver");
    }

    @Test
    void mobileWithoutAreaCodeMapsToItsWholeCountry() {
        assertThat(of("+79161234567")).hasSize(16).contains("Europe/Moscow", "Asia/Kamchatka", "Europe/Bucharest");
        assertThat(of("+61412345678")).containsExactly("Australia/Adelaide", "Australia/Brisbane", "Australia/Eucla",
                "Australia/Lord_Howe", "Australia/Perth", "Australia/Sydney", "Indian/Christmas", "Indian/Cocos");
        assertThat(of("+18665550123")).hasSize(42).contains("Pacific/Honolulu", "America/St_Johns");
    }

    @Test
    void mobileThatKeepsAnAreaCodeMapsByIt() {
        assertThat(of("+5511912345678")).containsExactly("America/Sao_Paulo");
        assertThat(of("+5592991234567")).containsExactly("America/Manaus");
        assertThat(of("+8613812345678")).containsExactly("Asia/Shanghai");
    }

    @Test
    void invalidOrUnparsableNumberHasNoKnownZone() {
        assertThat(of("+12005550123")).isEmpty();
        assertThat(of("+999123")).isEmpty();
        assertThat(of("not a number")).isEmpty();
    }
}
