package io.waihu.backend.dialer.imports;

import java.util.List;

/**
 * Where accepted contacts go, a batch at a time ({@link ImportOptions#batchSize()} rows at
 * most, in file order), so the write path can use bulk statements. An exception thrown here
 * stops the import: a failed write is not a bad row.
 */
@FunctionalInterface
public interface ContactSink {

    void accept(List<ImportedContact> batch) throws java.io.IOException;
}
