package io.waihu.backend.dialer.imports;

import java.time.Duration;
import java.util.List;

/**
 * The end of one read: how the file was read ({@code "CSV, GB18030, delimiter ','"}), its
 * header, the final counts, how many distinct numbers it held and how long it took.
 */
public record ImportSummary(String source, List<String> header, ImportCounts counts, long distinctNumbers,
        Duration elapsed) {

    public ImportSummary {
        header = List.copyOf(header);
    }
}
