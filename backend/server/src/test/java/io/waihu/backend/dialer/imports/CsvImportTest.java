package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.schema.common.PhoneNumber;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTest {

    @TempDir
    Path dir;

    @Test
    void aGbkListFromExcelReadsItsChineseHeadersAndNames() throws IOException {
        Imports result = Imports.csv(dir, "姓名,手机,电话2,公司\r\n张三,138 0013 8000,010-6552 9988,北京某某公司\r\n",
                Charset.forName("GBK"));

        ImportedContact contact = result.contactAt(2);
        assertThat(contact.name()).isEqualTo("张三");
        assertThat(contact.phones()).containsExactly(new PhoneNumber("+8613800138000"), new PhoneNumber("+861065529988"));
        assertThat(contact.customFields()).containsExactly(Map.entry("公司", "北京某某公司"));
        assertThat(result.summary.source()).contains("GB18030");
    }

    @Test
    void aUtf8ListWithAByteOrderMarkKeepsItsFirstHeader() throws IOException {
        Imports result = Imports.csv(dir, "\uFEFFphone,name\n13800138000,李四\n");

        assertThat(result.summary.header()).containsExactly("phone", "name");
        assertThat(result.contactAt(2).name()).isEqualTo("李四");
        assertThat(result.summary.source()).contains("UTF-8 with BOM");
    }

    @Test
    void aNumberExcelWroteInScientificNotationIsReadAsItsDigits() throws IOException {
        Imports result = Imports.csv(dir, "phone\n1.3800138E10\n13900139000.0\n");

        assertThat(result.phonesOf(2)).containsExactly("+8613800138000");
        assertThat(result.phonesOf(3)).containsExactly("+8613900139000");
    }

    @Test
    void aRowWithOneBadAndOneGoodNumberKeepsTheGoodOneAndSaysWhichWasBad() throws IOException {
        Imports result = Imports.csv(dir, "phone,mobile\n12345,13800138000\n");

        assertThat(result.phonesOf(2)).containsExactly("+8613800138000");
        assertThat(result.contactAt(2).remarks()).extracting(Remark::reason).containsExactly(Reason.INVALID_PHONE);
        CSVRecord line = result.reportLine(2);
        assertThat(line.get("outcome")).isEqualTo("KEPT");
        assertThat(line.get("message")).contains("12345");
        assertThat(result.summary.counts().partial()).isEqualTo(1);
    }

    @Test
    void twoNumbersInOneCellAreBothRead() throws IOException {
        Imports result = Imports.csv(dir, "电话\n\"13800138000 / 13900139000；13700137000\"\n");

        assertThat(result.phonesOf(2)).containsExactly("+8613800138000", "+8613900139000", "+8613700137000");
    }

    @Test
    void aRowWithoutAValidNumberIsRejectedWithItsLineAndText() throws IOException {
        Imports result = Imports.csv(dir, "phone,name\n13800138000,ok\nnot a number,bad\n,empty\n");

        assertThat(result.contacts).extracting(ImportedContact::line).containsExactly(2L);
        assertThat(result.reportLine(3).get("reason")).isEqualTo("INVALID_PHONE");
        assertThat(result.reportLine(3).get("row")).isEqualTo("not a number,bad");
        assertThat(result.reportLine(4).get("reason")).isEqualTo("NO_PHONE");
        assertThat(result.summary.counts().rejected(Reason.INVALID_PHONE)).isEqualTo(1);
        assertThat(result.summary.counts().rejected(Reason.NO_PHONE)).isEqualTo(1);
    }

    @Test
    void aLaterRowWithTheSameNumberIsADuplicateOfTheFirstLine() throws IOException {
        Imports result = Imports.csv(dir, "phone,phone2\n13800138000,\n+86 138 0013 8000,\n13900139000,13800138000\n");

        assertThat(result.contacts).extracting(ImportedContact::line).containsExactly(2L, 4L);
        CSVRecord duplicate = result.reportLine(3);
        assertThat(duplicate.get("reason")).isEqualTo("DUPLICATE");
        assertThat(duplicate.get("message")).isEqualTo("duplicate of line 2: +8613800138000");
        assertThat(result.phonesOf(4)).containsExactly("+8613900139000");
        assertThat(result.summary.counts().numbersDropped(Reason.DUPLICATE)).isEqualTo(2);
        assertThat(result.summary.distinctNumbers()).isEqualTo(2);
    }

    @Test
    void aRowRejectedForItsNameDoesNotClaimItsNumber() throws IOException {
        Imports result = Imports.csv(dir, "phone,name\n13800138000,\"" + "x".repeat(201) + "\"\n13800138000,ok\n");

        assertThat(result.reportLine(2).get("reason")).isEqualTo("INVALID_NAME");
        assertThat(result.contactAt(3).name()).isEqualTo("ok");
    }

    @Test
    void blacklistedNumbersAndNumbersAlreadyInTheCampaignAreCountedApart() throws IOException {
        Path file = dir.resolve("screened.csv");
        Files.writeString(file, "phone,mobile\n13800138000,\n13900139000,\n13700137000,13600136000\n13500135000,\n");
        Set<String> blacklist = Set.of("+8613800138000", "+8613700137000");
        Set<String> campaign = Set.of("+8613900139000");
        List<Set<PhoneNumber>> asked = new java.util.ArrayList<>();
        NumberScreen screen = numbers -> {
            asked.add(Set.copyOf(numbers));
            return NumberScreen.of(n -> blacklist.contains(n.e164()), n -> campaign.contains(n.e164())).screen(numbers);
        };

        Imports result = Imports.run(file, ImportOptions.defaults(), screen);

        assertThat(result.contacts).extracting(ImportedContact::line).containsExactly(4L, 5L);
        assertThat(result.phonesOf(4)).containsExactly("+8613600136000");
        assertThat(result.reportLine(2).get("reason")).isEqualTo("BLACKLISTED");
        assertThat(result.reportLine(3).get("reason")).isEqualTo("ALREADY_IN_CAMPAIGN");
        ImportCounts counts = result.summary.counts();
        assertThat(counts.rejected(Reason.BLACKLISTED)).isEqualTo(1);
        assertThat(counts.rejected(Reason.ALREADY_IN_CAMPAIGN)).isEqualTo(1);
        assertThat(counts.numbersDropped(Reason.BLACKLISTED)).isEqualTo(2);
        assertThat(counts.numbersDropped(Reason.ALREADY_IN_CAMPAIGN)).isEqualTo(1);
        assertThat(asked).hasSize(1).first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
                .hasSize(5);
    }

    @Test
    void theSameFileImportedTwiceAddsNothingTheSecondTime() throws IOException {
        Path file = dir.resolve("twice.csv");
        Files.writeString(file, "phone,name\n13800138000,a\n13900139000,b\n13800138000,c\n");
        Set<String> campaign = new HashSet<>();
        NumberScreen screen = NumberScreen.of(n -> false, n -> campaign.contains(n.e164()));

        Imports first = Imports.run(file, ImportOptions.defaults(), screen);
        first.contacts.forEach(c -> c.phones().forEach(p -> campaign.add(p.e164())));
        Imports second = Imports.run(file, ImportOptions.defaults(), screen);

        assertThat(first.summary.counts().accepted()).isEqualTo(2);
        assertThat(second.contacts).isEmpty();
        assertThat(second.summary.counts().rejected(Reason.ALREADY_IN_CAMPAIGN)).isEqualTo(2);
        assertThat(second.summary.counts().rejected(Reason.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void overLongAndControlCharacterValuesRejectTheirRowOnly() throws IOException {
        String text = "phone,name,note,priority\n"
                + "13800138001,ok,,\n"
                + "13800138002,\"" + "名".repeat(201) + "\",,\n"
                + "13800138003,a\u0000b,,\n"
                + "13800138004,c,\"" + "n".repeat(2_001) + "\",\n"
                + "13800138005,d,bell\u0007,\n"
                + "13800138006,e,\"two\nlines are fine in a note\",\n"
                + "13800138007,f,,1001\n"
                + "13800138008,g,,7\n";
        Imports result = Imports.csv(dir, text);

        assertThat(result.contacts).extracting(ImportedContact::line).containsExactly(2L, 7L, 10L);
        assertThat(result.reportLine(3).get("reason")).isEqualTo("INVALID_NAME");
        assertThat(result.reportLine(4).get("reason")).isEqualTo("INVALID_NAME");
        assertThat(result.reportLine(4).get("message")).contains("U+0000");
        assertThat(result.reportLine(4).get("row")).doesNotContain("\u0000").contains("\uFFFD");
        assertThat(result.reportLine(5).get("reason")).isEqualTo("INVALID_FIELD");
        assertThat(result.reportLine(5).get("message")).startsWith("note is longer than 2000");
        assertThat(result.reportLine(6).get("reason")).isEqualTo("INVALID_FIELD");
        // line 7's note spans two lines, so the priority rows are lines 9 and 10
        assertThat(result.reportLine(9).get("reason")).isEqualTo("INVALID_PRIORITY");
        assertThat(result.contactAt(7).customFields()).containsEntry("note", "two\nlines are fine in a note");
        assertThat(result.contactAt(10).priority()).isEqualTo(7);
    }

    @Test
    void brokenQuotesAndEmptyLinesNeverStopTheGoodRows() throws IOException {
        String text = "phone,name\n\n13800138001,\"Zhang\n13800138002,Li\n\n13800138003,\"Wang\"x\n13800138004,Zhao\n";
        Imports result = Imports.csv(dir, text);

        assertThat(result.contacts).extracting(ImportedContact::line).containsExactly(4L, 7L);
        assertThat(result.reportLine(3).get("reason")).isEqualTo("MALFORMED_ROW");
        assertThat(result.reportLine(6).get("reason")).isEqualTo("MALFORMED_ROW");
        assertThat(result.summary.counts().rowsRead()).isEqualTo(4);
    }

    @Test
    void theReportIsExcelReadyAndShowsFormulasAsText() throws IOException {
        Imports result = Imports.csv(dir, "phone,name\n=HYPERLINK(\"http://x\"),a\n");

        assertThat(result.reportBytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(result.reportBytes, StandardCharsets.UTF_8)).contains("\r\n");
        assertThat(result.reportLine(2).get("row")).startsWith("'=HYPERLINK");
    }

    @Test
    void contactsArriveInBatchesInFileOrderAndProgressIsToldAfterEach() throws IOException {
        StringBuilder text = new StringBuilder("phone\n");
        for (int i = 0; i < 25; i++) {
            text.append(13800138000L + i).append('\n');
        }
        Path file = dir.resolve("batches.csv");
        Files.writeString(file, text);

        Imports result = Imports.run(file, ImportOptions.defaults().withBatchSize(10), NumberScreen.NONE);

        assertThat(result.batchSizes).containsExactly(10, 10, 5);
        assertThat(result.contacts).extracting(ImportedContact::line).isSorted().hasSize(25);
        assertThat(result.progress).extracting(ImportCounts::rowsRead).containsExactly(10L, 20L, 25L);
    }

    @Test
    void progressCanBeReadFromAnotherThreadWhileTheImportRuns() throws Exception {
        StringBuilder text = new StringBuilder("phone\n");
        for (int i = 0; i < 30; i++) {
            text.append(i == 5 ? "bad" : Long.toString(13800138000L + i)).append('\n');
        }
        Path file = dir.resolve("watched.csv");
        Files.writeString(file, text);
        ImportProgress progress = new ImportProgress();
        java.util.concurrent.CountDownLatch secondBatch = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService importer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var done = importer.submit(() -> new ListImporter(Imports.CN).read(file,
                    ImportOptions.defaults().withBatchSize(10), NumberScreen.NONE, batch -> {
                        if (batches.incrementAndGet() == 2) {
                            secondBatch.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new java.io.InterruptedIOException();
                            }
                        }
                    }, java.io.OutputStream.nullOutputStream(), progress));

            assertThat(secondBatch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ImportCounts midway = progress.snapshot();
            release.countDown();
            ImportSummary summary = done.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(midway.rowsRead()).isEqualTo(20);
            assertThat(midway.accepted()).isEqualTo(19);
            assertThat(midway.rejected()).isEqualTo(1);
            assertThat(summary.counts().rowsRead()).isEqualTo(30);
        } finally {
            release.countDown();
            importer.shutdownNow();
        }
    }

    @Test
    void anExplicitMappingChoosesTheColumnsAndIgnoresOthers() throws IOException {
        Path file = dir.resolve("mapped.csv");
        Files.writeString(file, "who,tel A,tel B,rank,internal,city\nZhao,13800138000,13900139000,3,x,上海\n");
        ColumnMapping mapping = new ColumnMapping(List.of("tel a", "TEL B"), "who", "rank", Set.of("internal"));

        Imports result = Imports.run(file, ImportOptions.defaults().withMapping(mapping), NumberScreen.NONE);

        ImportedContact contact = result.contactAt(2);
        assertThat(contact.name()).isEqualTo("Zhao");
        assertThat(contact.phones()).hasSize(2);
        assertThat(contact.priority()).isEqualTo(3);
        assertThat(contact.customFields()).containsExactly(Map.entry("city", "上海"));
    }

    @Test
    void aFileWithoutAPhoneColumnOrWithAMappingItLacksIsRefusedAsAWhole() throws IOException {
        assertThatThrownBy(() -> Imports.csv(dir, "name,city\na,b\n"))
                .isInstanceOf(ImportException.class).hasMessageContaining("no phone column");
        Path file = dir.resolve("m.csv");
        Files.writeString(file, "phone,name\n1,a\n");
        assertThatThrownBy(() -> Imports.run(file, ImportOptions.defaults()
                .withMapping(ColumnMapping.of(List.of("mobile"), null, null)), NumberScreen.NONE))
                .isInstanceOf(ImportException.class).hasMessageContaining("mobile");
        assertThatThrownBy(() -> Imports.csv(dir, "phone,city,City\n1,a,b\n"))
                .isInstanceOf(ImportException.class).hasMessageContaining("two columns");
    }
}
