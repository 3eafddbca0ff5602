package io.waihu.backend.crm;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.common.Text;
import io.waihu.schema.common.Text.Lines;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Input limits of a customer profile, shared by create and edit. Each length is its read-model
 * column's ({@code customer_view}, {@code customer_tag}: V1, V9); the characters are
 * {@link Text}'s, one line except custom field values and reasons.
 */
final class CustomerRules {

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 320;
    static final int MAX_PHONES = 10;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG = 64;
    static final int MAX_CUSTOM_FIELDS = 100;
    static final int MAX_CUSTOM_VALUE = 2_000;
    static final int MAX_REASON = 500;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private CustomerRules() {
    }

    static void name(String name) {
        if (name == null || name.isBlank()) {
            throw RuleViolation.invalid("name", "name must not be empty");
        }
        // the lower-case form is stored and searched too, and can be longer ("İ" lower-cases to two characters)
        if (name.length() > MAX_NAME || name.toLowerCase(java.util.Locale.ROOT).length() > MAX_NAME) {
            throw RuleViolation.invalid("name", "name is longer than " + MAX_NAME + " characters");
        }
        // what is stored: surrounding white space (a trailing tab from a spreadsheet) goes
        Text.check("name", name.strip(), MAX_NAME, Lines.SINGLE);
    }

    static void phones(List<PhoneNumber> phones) {
        if (phones.size() > MAX_PHONES) {
            throw RuleViolation.invalid("phones", "at most " + MAX_PHONES + " phone numbers");
        }
        if (phones.stream().anyMatch(java.util.Objects::isNull)) {
            throw RuleViolation.invalid("phones", "a phone number is empty");
        }
        if (phones.stream().distinct().count() != phones.size()) {
            throw RuleViolation.invalid("phones", "a phone number is listed twice");
        }
    }

    static void email(String email) {
        String stripped = email == null ? null : email.strip();
        if (stripped != null && !stripped.isEmpty()
                && (stripped.length() > MAX_TEXT || !EMAIL.matcher(stripped).matches())) {
            throw RuleViolation.invalid("email", "not an email address");
        }
        Text.check("email", email, MAX_TEXT, Lines.SINGLE);
    }

    static void company(String company) {
        if (company != null && company.length() > MAX_TEXT) {
            throw RuleViolation.invalid("company", "company is longer than " + MAX_TEXT + " characters");
        }
        Text.check("company", company, MAX_TEXT, Lines.SINGLE);
    }

    static void tags(Set<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw RuleViolation.invalid("tags", "at most " + MAX_TAGS + " tags");
        }
        for (String tag : tags) {
            if (tag == null || tag.isBlank() || tag.length() > MAX_TAG) {
                throw RuleViolation.invalid("tags", "a tag is empty or longer than " + MAX_TAG + " characters");
            }
            // the read model keeps a customer's tags as one |a|b| string
            if (tag.indexOf('|') >= 0) {
                throw RuleViolation.invalid("tags", "a tag cannot contain |");
            }
            Text.check("tags", tag, MAX_TAG, Lines.SINGLE);
        }
    }

    static void customFields(Map<String, String> fields) {
        if (fields.size() > MAX_CUSTOM_FIELDS) {
            throw RuleViolation.invalid("customFields", "at most " + MAX_CUSTOM_FIELDS + " custom fields");
        }
        fields.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > MAX_TAG) {
                throw RuleViolation.invalid("customFields", "a custom field name is empty or too long");
            }
            if (value == null || value.length() > MAX_CUSTOM_VALUE) {
                throw RuleViolation.invalid("customFields", "custom field " + key + " is empty or too long");
            }
            Text.check("customFields", key, MAX_TAG, Lines.SINGLE);
            Text.check("customFields", value, MAX_CUSTOM_VALUE, Lines.MULTI);
        });
    }

    /** Why a customer was deleted or erased: free text, several lines allowed. */
    static void reason(String reason) {
        Text.check("reason", reason, MAX_REASON, Lines.MULTI);
    }
}
