package io.waihu.backend.domain;

/**
 * A command broke a business rule. {@code field} names the input at fault when there is
 * one; the API turns this into a {@code VALIDATION} or {@code CONFLICT} error.
 */
public class RuleViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind { VALIDATION, CONFLICT, GONE }

    private final Kind kind;
    private final String field;

    public RuleViolation(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static RuleViolation invalid(String field, String message) {
        return new RuleViolation(Kind.VALIDATION, field, message);
    }

    public static RuleViolation conflict(String message) {
        return new RuleViolation(Kind.CONFLICT, null, message);
    }

    public static RuleViolation gone(String message) {
        return new RuleViolation(Kind.GONE, null, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
