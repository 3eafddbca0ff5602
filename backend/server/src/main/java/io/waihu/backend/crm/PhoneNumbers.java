package io.waihu.backend.crm;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns what people type ({@code 138 0013 8000}, {@code (0)20 7946 0958}, {@code +1-202-555-0143})
 * into E.164 with libphonenumber. Numbers without a country code are read in the default
 * region ({@code waihu.phone.default-region}, CN unless configured). Only numbers
 * libphonenumber considers valid are accepted.
 */
@ApplicationScoped
public class PhoneNumbers {

    private static final int MAX_INPUT = 40;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(@ConfigProperty(name = "waihu.phone.default-region") String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public PhoneNumber normalize(String input, String field) {
        if (input == null || input.isBlank() || input.length() > MAX_INPUT) {
            throw RuleViolation.invalid(field, "not a phone number: " + abbreviate(input));
        }
        try {
            Phonenumber.PhoneNumber parsed = util.parse(input, defaultRegion);
            if (!util.isValidNumber(parsed)) {
                throw RuleViolation.invalid(field, "not a valid phone number: " + input);
            }
            return new PhoneNumber(util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw RuleViolation.invalid(field, "not a phone number: " + input + " (" + e.getErrorType() + ")");
        }
    }

    /** A search term: a full number is normalised, a fragment keeps its digits with a leading +. */
    public String searchPrefix(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber parsed = util.parse(input, defaultRegion);
            if (util.isValidNumber(parsed)) {
                return util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // not a whole number: fall through to the digits
        }
        String trimmed = input.strip();
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        if (trimmed.startsWith("+")) {
            return "+" + digits;
        }
        if (trimmed.startsWith("00")) {
            return "+" + digits.substring(2);
        }
        // a local fragment ("138 00", "020 79"): the default region's country code, without the trunk 0
        return "+" + util.getCountryCodeForRegion(defaultRegion) + digits.replaceFirst("^0", "");
    }

    private static String abbreviate(String input) {
        if (input == null) {
            return "null";
        }
        return input.length() > MAX_INPUT ? input.substring(0, MAX_INPUT) + "…" : input;
    }
}
