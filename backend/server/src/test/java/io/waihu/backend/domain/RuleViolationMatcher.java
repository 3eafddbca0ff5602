package io.waihu.backend.domain;

import io.waihu.schema.common.InvalidValue;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link RuleViolation} by kind and field, for {@code expectException(...)} in fixture tests. */
public final class RuleViolationMatcher extends TypeSafeMatcher<RuleViolation> {

    private final RuleViolation.Kind kind;
    private final String field;

    private RuleViolationMatcher(RuleViolation.Kind kind, String field) {
        this.kind = kind;
        this.field = field;
    }

    /** A {@code VALIDATION} violation blaming {@code field}. */
    public static Matcher<RuleViolation> invalid(String field) {
        return new RuleViolationMatcher(RuleViolation.Kind.VALIDATION, field);
    }

    /** A value no store can hold ({@code Text}, {@code Money}, {@code Moments}), blaming {@code field}. */
    public static Matcher<InvalidValue> unstorable(String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidValue invalid) {
                return Objects.equals(invalid.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("InvalidValue on field " + field);
            }
        };
    }

    /** A {@code CONFLICT} violation, which blames no single field. */
    public static Matcher<RuleViolation> conflict() {
        return new RuleViolationMatcher(RuleViolation.Kind.CONFLICT, null);
    }

    /** A {@code GONE} violation, which blames no single field. */
    public static Matcher<RuleViolation> gone() {
        return new RuleViolationMatcher(RuleViolation.Kind.GONE, null);
    }

    @Override
    protected boolean matchesSafely(RuleViolation violation) {
        return violation.kind() == kind && Objects.equals(violation.field(), field);
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("RuleViolation " + kind + (field == null ? "" : " on field " + field));
    }

    @Override
    protected void describeMismatchSafely(RuleViolation violation, Description mismatch) {
        mismatch.appendText("was " + violation.kind() + " on field " + violation.field() + ": "
                + violation.getMessage());
    }
}
