package io.waihu.schema.common;

/**
 * A value no store downstream can hold, or that breaks a value type's own rule, naming the
 * input at fault. The API answers it as a {@code VALIDATION} error with that field.
 */
public class InvalidValue extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidValue(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
