package io.waihu.backend.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.PhoneNumber;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    private final PhoneNumbers phones = new PhoneNumbers("CN");

    @Test
    void numberWithoutCountryCodeIsReadInTheDefaultRegion() {
        assertThat(phones.normalize("138 0013 8000", "phone")).isEqualTo(new PhoneNumber("+8613800138000"));
    }

    @Test
    void landlineWithTrunkPrefixLosesTheTrunkPrefix() {
        assertThat(phones.normalize("010 6552 9988", "phone")).isEqualTo(new PhoneNumber("+861065529988"));
    }

    @Test
    void numberWithCountryCodeKeepsItsCountry() {
        assertThat(phones.normalize("+1 (212) 736-5000", "phone")).isEqualTo(new PhoneNumber("+12127365000"));
    }

    @Test
    void otherDefaultRegionReadsLocalNumbersThere() {
        PhoneNumbers london = new PhoneNumbers("GB");

        assertThat(london.normalize("020 7946 0958", "phone")).isEqualTo(new PhoneNumber("+442079460958"));
    }

    @Test
    void textThatIsNoNumberIsRefusedNamingTheField() {
        assertRefused("call me maybe", "phones[0]");
    }

    @Test
    void inputLongerThan40CharactersIsRefused() {
        assertRefused("+86 138 0013 8000 " + "0".repeat(30), "phone");
    }

    @Test
    void blankInputIsRefused() {
        assertRefused("  ", "phone");
    }

    @Test
    void missingInputIsRefused() {
        assertRefused(null, "phone");
    }

    @Test
    void numberTooShortForItsCountryIsRefused() {
        assertRefused("+86 123", "phone");
    }

    @Test
    void numberThatNoCarrierCouldHaveIsRefused() {
        assertRefused("12345", "phone");
    }

    @Test
    void searchForAWholeNumberUsesItsNormalForm() {
        assertThat(phones.searchPrefix("138 0013 8000")).isEqualTo("+8613800138000");
    }

    @Test
    void searchForAFragmentKeepsItsDigits() {
        assertThat(phones.searchPrefix("+86 138-00")).isEqualTo("+8613800");
    }

    @Test
    void localFragmentIsSearchedInTheDefaultRegion() {
        assertThat(phones.searchPrefix("138-00")).isEqualTo("+8613800");
        assertThat(phones.searchPrefix("021 55")).isEqualTo("+862155");
        assertThat(phones.searchPrefix("0044 20")).isEqualTo("+4420");
    }

    @Test
    void searchWithoutDigitsFindsNothing() {
        assertThat(phones.searchPrefix("abc")).isNull();
        assertThat(phones.searchPrefix(" ")).isNull();
    }

    private void assertRefused(String input, String field) {
        assertThatThrownBy(() -> phones.normalize(input, field))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.VALIDATION);
                    assertThat(violation.field()).isEqualTo(field);
                });
    }
}
