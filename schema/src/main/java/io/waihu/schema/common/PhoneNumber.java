package io.waihu.schema.common;

import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +} country code and subscriber number, at most
 * 15 digits). Normalising user input into this form (regions, trunk prefixes) is the
 * backend's job; this type only guarantees that what exists is well formed.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{5,14}");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 phone number: " + e164);
        }
    }

    @Override
    public String toString() {
        return e164;
    }
}
