package io.waihu.backend.dialer.imports;

/**
 * What a row may hold. A contact can become a CRM customer (on import, first connected call or
 * disposition), so its values obey the customer's limits ({@code crm.CustomerRules}, the read
 * model's column widths) and {@link io.waihu.schema.common.Text}'s characters: events are
 * immutable, so a value refused later would already be stored for ever. The rest bounds the
 * reader's memory.
 */
public final class ImportLimits {

    /** Characters of a name (the customer's {@code name} column). */
    public static final int MAX_NAME = 200;
    /** Numbers per contact (a customer's phones). */
    public static final int MAX_PHONES = 10;
    /** Custom field names (a customer's custom field key) and their count. */
    public static final int MAX_FIELD_NAME = 64;
    public static final int MAX_CUSTOM_FIELDS = 100;
    /** Characters of one custom field's value; several lines allowed. */
    public static final int MAX_FIELD_VALUE = 2_000;
    /** Priorities run 0 (the default) to this; the dialer calls higher ones first. */
    public static final int MAX_PRIORITY = 1_000;
    /**
     * Characters of one CSV record. Bounds the reader's memory, and an unclosed quote swallows
     * at most this much before the reader gives up on the record and resumes at its next line.
     * A full row (10 numbers, a name, 100 fields of 2,000 characters) is ~200,000.
     */
    public static final int MAX_RECORD = 256 * 1024;
    /** Characters of a rejected row's text kept in the report. */
    public static final int MAX_REPORTED_RAW = 4_000;
    /** Columns read from a row: cells past the header's last column have no name and are ignored. */
    public static final int MAX_COLUMNS = 1_000;

    private ImportLimits() {
    }
}
