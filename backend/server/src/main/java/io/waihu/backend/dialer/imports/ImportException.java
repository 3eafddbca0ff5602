package io.waihu.backend.dialer.imports;

/**
 * The file as a whole cannot be imported: no phone column, a header no field can be named
 * after, a mapping naming a column the file lacks, an unreadable format. Bad rows never raise
 * it; they go to the reject report.
 */
public class ImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
