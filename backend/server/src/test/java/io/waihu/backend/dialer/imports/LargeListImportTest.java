package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big lists read in a JVM with a small heap ({@link ImportDriver} forked with {@code -Xmx}):
 * what holds the whole file — a parser that buffers it, a workbook model, a shared-string table
 * of Java strings — runs out of memory there. Row {@code i} (1-based, on line/row {@code i + 1})
 * is: every 100th a repeat of row {@code i - 50}'s number, every 250th from 125 not a number,
 * the rest {@code 13800000000 + i}; numbers divisible by 997 are blacklisted by the driver.
 */
class LargeListImportTest {

    @TempDir
    Path dir;

    private static String phone(int i) {
        if (i % 100 == 0) {
            return Long.toString(13_800_000_000L + i - 50);
        }
        return i % 250 == 125 ? "12345" : Long.toString(13_800_000_000L + i);
    }

    /** The driver's counts for rows 1..n. */
    private static Map<String, Long> expected(int n) {
        long duplicate = 0;
        long invalid = 0;
        long blacklisted = 0;
        for (int i = 1; i <= n; i++) {
            if (i % 100 == 0) {
                duplicate++;
            } else if (i % 250 == 125) {
                invalid++;
            } else if (ImportDriver.blacklisted(8_600_000_000_000L + 13_800_000_000L + i)) {
                blacklisted++;
            }
        }
        return Map.of("rows", (long) n, "duplicate", duplicate, "invalid", invalid, "blacklisted", blacklisted,
                "accepted", n - duplicate - invalid - blacklisted, "contacts", n - duplicate - invalid - blacklisted,
                "distinct", n - duplicate - invalid);
    }

    @Test
    void aMillionRowGbkCsvIsReadIn128MegabytesOfHeap() throws Exception {
        int rows = 1_000_000;
        Path file = dir.resolve("million.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, Charset.forName("GBK"))) {
            out.write("手机,姓名,备注\r\n");
            for (int i = 1; i <= rows; i++) {
                out.write(phone(i) + ",客户" + i + ",\"第" + i + "行, 北京\"\r\n");
            }
        }

        Map<String, String> result = fork(file, "-Xmx128m");

        assertCounts(result, expected(rows));
        assertThat(result.get("source")).contains("GB18030");
    }

    @Test
    void aLargeWorkbookWithMoreSharedTextThanTheHeapIsReadIn64Megabytes() throws Exception {
        int rows = 200_000;
        Path file = dir.resolve("large.xlsx");
        String filler = "北京市朝阳区建国路八十八号现代城".repeat(12); // 192 characters
        long sharedBytes = HandWrittenWorkbook.write(file, "名单", List.of("电话", "姓名", "地址"), rows,
                i -> new HandWrittenWorkbook.Line(phone(i), "客户" + i, i + filler));
        // held as Java strings (as POI's ReadOnlySharedStringsTable holds them) the text alone outgrows the heap
        assertThat(sharedBytes).isGreaterThan(64L << 20);

        Map<String, String> result = fork(file, "-Xmx64m");

        assertCounts(result, expected(rows));
        assertThat(result.get("source")).contains("XLSX", "sheet '名单'", "400003 shared strings spilled");
    }

    private static void assertCounts(Map<String, String> result, Map<String, Long> expected) {
        expected.forEach((key, value) -> assertThat(Long.parseLong(result.get(key))).as(key).isEqualTo(value));
        assertThat(Long.parseLong(result.get("rejected")))
                .isEqualTo(expected.get("duplicate") + expected.get("invalid") + expected.get("blacklisted"));
    }

    private Map<String, String> fork(Path file, String heap) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), ImportDriver.class.getName(),
                file.toString(), dir.resolve("report.csv").toString()));
        Path output = dir.resolve("driver.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(finished).as("the import finished within 5 minutes:\n" + printed).isTrue();
        assertThat(process.exitValue()).as("the driver's exit status:\n" + printed).isZero();
        Map<String, String> result = new HashMap<>();
        for (String line : printed.split("\n")) {
            if (line.startsWith("RESULT ")) {
                for (String pair : line.substring(7).split(" ")) {
                    String[] kv = pair.split("=", 2);
                    result.put(kv[0], kv[1]);
                }
            } else if (line.startsWith("SOURCE ")) {
                result.put("source", line.substring(7));
            }
        }
        System.out.println(file.getFileName() + " with " + heap + ": " + printed.strip());
        return result;
    }
}
