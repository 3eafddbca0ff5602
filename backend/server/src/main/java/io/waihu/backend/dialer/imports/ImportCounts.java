package io.waihu.backend.dialer.imports;

import java.util.Map;

/**
 * Where an import stands: rows read (blank lines not counted), accepted (of which
 * {@code partial} lost a number on the way), rejected by reason, and numbers dropped by reason
 * — from rejected and accepted rows alike, so a row with a blacklisted and a good number counts
 * one blacklisted number and one accepted row.
 */
public record ImportCounts(long rowsRead, long accepted, long partial, long rejected,
        Map<Reason, Long> rejectedBy, Map<Reason, Long> numbersDropped) {

    public long rejected(Reason reason) {
        return rejectedBy.getOrDefault(reason, 0L);
    }

    public long numbersDropped(Reason reason) {
        return numbersDropped.getOrDefault(reason, 0L);
    }
}
