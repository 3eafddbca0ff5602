package io.waihu.projections.support;

/** A read-model row that remembers the aggregate sequence number it reflects. */
public interface VersionedRow {

    /** The sequence number of the last event applied, or -1 for a row not yet written. */
    long appliedVersion();
}
