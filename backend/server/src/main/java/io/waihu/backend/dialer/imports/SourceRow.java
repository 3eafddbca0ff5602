package io.waihu.backend.dialer.imports;

import java.util.List;

/**
 * One row as read from the file, before any meaning is given to its cells.
 *
 * @param line      CSV: the physical line its record starts on (1 = the first line of the file);
 *                  XLSX: the row number Excel shows
 * @param cells     the cells, {@code ""} where empty; {@code null} when the row could not be read
 * @param raw       the record's text for the reject report (CSV), or {@code null} to build it from the cells
 * @param malformed why the row could not be read, or {@code null}
 */
record SourceRow(long line, List<String> cells, String raw, String malformed) {

    boolean blank() {
        return cells != null && cells.stream().allMatch(String::isBlank);
    }
}
