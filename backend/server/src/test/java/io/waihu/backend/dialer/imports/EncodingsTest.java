package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodingsTest {

    private static final String CHINESE = "电话,姓名,备注\n13800138000,张三,北京市朝阳区\n";

    @TempDir
    Path dir;

    private Encodings.Detected detect(byte[] bytes) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.write(file, bytes);
        return Encodings.detect(file);
    }

    @Test
    void plainUtf8IsUtf8() throws IOException {
        assertThat(detect(CHINESE.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Encodings.Detected(StandardCharsets.UTF_8, 0));
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws IOException {
        byte[] text = CHINESE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        assertThat(detect(withBom)).isEqualTo(new Encodings.Detected(StandardCharsets.UTF_8, 3));
    }

    @Test
    void gbkAsExcelWritesItIsReadAsGb18030() throws IOException {
        assertThat(detect(CHINESE.getBytes(Charset.forName("GBK"))).charset()).isEqualTo(Encodings.GB18030);
    }

    @Test
    void gbkAfterMoreThanABufferOfAsciiIsStillFound() throws IOException {
        String ascii = "phone,name\n" + "13800138000,Smith\n".repeat(10_000);
        assertThat(ascii.length()).isGreaterThan(128 * 1024);

        assertThat(detect((ascii + "13900139000,王五\n").getBytes(Charset.forName("GBK"))).charset())
                .isEqualTo(Encodings.GB18030);
    }

    @Test
    void unicodeTextFromExcelIsUtf16() throws IOException {
        byte[] text = CHINESE.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[text.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withBom, 2, text.length);

        assertThat(detect(withBom)).isEqualTo(new Encodings.Detected(StandardCharsets.UTF_16LE, 2));
    }

    @Test
    void aUtf8SequenceCutByTheEndOfTheFileDecidesNothing() throws IOException {
        byte[] text = "phone,name\n1,张".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(text, text.length - 1);

        assertThat(detect(cut).charset()).isEqualTo(StandardCharsets.UTF_8);
    }
}
