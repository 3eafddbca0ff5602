package io.waihu.backend.dialer.imports;

import io.waihu.backend.crm.PhoneNumbers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Runs one import into memory for a test: the contacts, the batches, the report's records. */
final class Imports {

    static final PhoneNumbers CN = new PhoneNumbers("CN");

    final List<ImportedContact> contacts = new ArrayList<>();
    final List<Integer> batchSizes = new ArrayList<>();
    final List<ImportCounts> progress = new ArrayList<>();
    byte[] reportBytes;
    ImportSummary summary;

    static Imports run(Path file, ImportOptions options, NumberScreen screen) throws IOException {
        Imports result = new Imports();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        result.summary = new ListImporter(CN).read(file, options, screen, batch -> {
            result.batchSizes.add(batch.size());
            result.contacts.addAll(batch);
        }, report, new ImportProgress(result.progress::add));
        result.reportBytes = report.toByteArray();
        return result;
    }

    static Imports csv(Path dir, String text, Charset charset) throws IOException {
        Path file = Files.createTempFile(dir, "list", ".csv");
        Files.write(file, text.getBytes(charset));
        return run(file, ImportOptions.defaults(), NumberScreen.NONE);
    }

    static Imports csv(Path dir, String text) throws IOException {
        return csv(dir, text, StandardCharsets.UTF_8);
    }

    /** The report's records after its header, BOM stripped. */
    List<CSVRecord> report() throws IOException {
        String text = new String(reportBytes, StandardCharsets.UTF_8);
        if (!text.startsWith("\uFEFF")) {
            throw new AssertionError("the report has no BOM");
        }
        List<CSVRecord> records = CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
        return records;
    }

    CSVRecord reportLine(long line) throws IOException {
        return report().stream().filter(r -> r.get("line").equals(Long.toString(line))).findFirst()
                .orElseThrow(() -> new AssertionError("no report line for line " + line));
    }

    ImportedContact contactAt(long line) {
        return contacts.stream().filter(c -> c.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no contact from line " + line + " in " + contacts));
    }

    List<String> phonesOf(long line) {
        return contactAt(line).phones().stream().map(Object::toString).toList();
    }
}
