package io.waihu.backend.dialer.imports;

/**
 * Why a row was rejected, or why one of its numbers was dropped from a row that was kept. The
 * names are the codes written in the reject report: stable, so people can filter on them.
 */
public enum Reason {
    /** No phone cell of the row holds anything. */
    NO_PHONE,
    /** A phone cell holds something libphonenumber does not take as a valid number. */
    INVALID_PHONE,
    /** More numbers than a contact can hold ({@link ImportLimits#MAX_PHONES}). */
    TOO_MANY_PHONES,
    /** The number appeared on an earlier line of the same file. */
    DUPLICATE,
    /** The number is on the do-not-call list. */
    BLACKLISTED,
    /** The campaign already has a contact with this number (this file imported before, or another list). */
    ALREADY_IN_CAMPAIGN,
    /** The name is too long or holds characters no store takes. */
    INVALID_NAME,
    /** A custom field's value is too long or holds characters no store takes. */
    INVALID_FIELD,
    /** The priority is not a whole number in range. */
    INVALID_PRIORITY,
    /** The row could not be read as CSV: an unbalanced or stray quote, or a record too long. */
    MALFORMED_ROW
}
