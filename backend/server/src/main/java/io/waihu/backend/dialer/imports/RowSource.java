package io.waihu.backend.dialer.imports;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;

/** Rows of one file, pulled one at a time: the only thing a reader keeps is the row it is on. */
interface RowSource extends AutoCloseable {

    /** The first non-blank row's cells, or an {@link ImportException} if the file has none. */
    List<String> header() throws IOException;

    /**
     * Numbers in these columns come out as their digits even when the cell is formatted as a
     * date or stored as a double ({@code 1.3800138E10}): phone columns. Cells past {@code width}
     * are not read.
     */
    void shape(BitSet digitColumns, int width);

    /** The next row after the header, or {@code null} at the end. */
    SourceRow next() throws IOException;

    /** What the summary says about how the file was read ({@code "CSV, GB18030, ','"}). */
    String description();

    @Override
    void close() throws IOException;
}
