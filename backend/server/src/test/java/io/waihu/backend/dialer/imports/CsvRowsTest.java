package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

    @TempDir
    Path dir;

    private List<SourceRow> rows(String text) throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<SourceRow> out = new ArrayList<>();
        try (CsvRows rows = new CsvRows(file, ImportOptions.defaults())) {
            for (SourceRow row = rows.next(); row != null; row = rows.next()) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        List<SourceRow> rows = rows("phone,note\r\n13800138000,\"a, b \"\"c\"\"\r\nsecond line\"\r\n13900139000,x\r\n");

        assertThat(rows.get(1).cells()).containsExactly("13800138000", "a, b \"c\"\nsecond line");
        assertThat(rows.get(2).cells()).containsExactly("13900139000", "x");
    }

    @Test
    void aRecordIsNumberedByTheLineItStartsOnAndLineBreaksInsideQuotesCount() throws IOException {
        List<SourceRow> rows = rows("phone,note\n1,\"two\nlines\"\n2,x\r\n3,y\r4,z");

        assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(rows.get(4).cells()).containsExactly("4", "z");
    }

    @Test
    void anUnclosedQuoteRejectsItsRecordAndReadingResumesOnTheNextLine() throws IOException {
        List<SourceRow> rows = rows("phone,name\n13800138000,\"Zhang\n13900139000,Li\n13700137000,Wang\n");

        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).malformed()).contains("never closed");
        assertThat(rows.get(1).raw()).isEqualTo("13800138000,\"Zhang");
        assertThat(rows.subList(2, 4)).extracting(SourceRow::line).containsExactly(3L, 4L);
        assertThat(rows.get(2).cells()).containsExactly("13900139000", "Li");
        assertThat(rows.get(3).cells()).containsExactly("13700137000", "Wang");
    }

    @Test
    void anUnclosedQuoteThatMeetsALaterQuoteIsCaughtByTheTextAfterIt() throws IOException {
        List<SourceRow> rows = rows("phone,name\n1,\"Zhang\n2,Li\n3,\"Wang\"\n4,Zhao\n");

        // the quote opened on line 2 closes at line 4's opening quote, and "Wang" follows it
        assertThat(rows.get(1).malformed()).contains("after a closing quote");
        assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows.get(3).cells()).containsExactly("3", "Wang");
        assertThat(rows.get(4).cells()).containsExactly("4", "Zhao");
    }

    @Test
    void textAfterAClosingQuoteRejectsTheLineOnly() throws IOException {
        List<SourceRow> rows = rows("phone,name\n1,\"Zhang\"san,x\n2,Li\n");

        assertThat(rows.get(1).malformed()).contains("after a closing quote");
        assertThat(rows.get(1).raw()).isEqualTo("1,\"Zhang\"san,x");
        assertThat(rows.get(2).cells()).containsExactly("2", "Li");
        assertThat(rows.get(2).line()).isEqualTo(3);
    }

    @Test
    void aLineLongerThanTheRecordLimitIsRejectedAndSkipped() throws IOException {
        String huge = "x".repeat(ImportLimits.MAX_RECORD + 10);
        List<SourceRow> rows = rows("phone,note\n1," + huge + "\n2,ok\n");

        assertThat(rows.get(1).malformed()).contains("longer than");
        assertThat(rows.get(1).raw()).hasSize(ImportLimits.MAX_REPORTED_RAW);
        assertThat(rows.get(2).cells()).containsExactly("2", "ok");
        assertThat(rows.get(2).line()).isEqualTo(3);
    }

    @Test
    void emptyLinesAreBlankRowsThatKeepTheCount() throws IOException {
        List<SourceRow> rows = rows("phone,name\n\n1,a\n,\n\r\n2,b\n");

        assertThat(rows).filteredOn(r -> !r.blank()).extracting(SourceRow::line).containsExactly(1L, 3L, 6L);
    }

    @Test
    void aSemicolonOrTabHeaderSetsTheDelimiter() throws IOException {
        assertThat(rows("phone;name;note\n1;a,b;c\n").get(1).cells()).containsExactly("1", "a,b", "c");
        assertThat(rows("phone\tname\n1\ta;b\n").get(1).cells()).containsExactly("1", "a;b");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() throws IOException {
        assertThat(rows("phone,name\n1,5\" disk\n").get(1).cells()).containsExactly("1", "5\" disk");
    }

    @Test
    void aFileWithoutAHeaderIsRefused() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.writeString(file, "\n\n  \n");
        try (CsvRows rows = new CsvRows(file, ImportOptions.defaults())) {
            assertThatThrownBy(rows::header).isInstanceOf(ImportException.class).hasMessageContaining("empty");
        }
    }
}
