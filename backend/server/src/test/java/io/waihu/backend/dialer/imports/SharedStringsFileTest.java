package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedStringsFileTest {

    @TempDir
    Path dir;

    @Test
    void stringsAreReadBackByIndexWithoutTheirPhoneticGuides() throws IOException {
        String sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\" uniqueCount=\"4\">"
                + "<si><t>张三</t></si>"
                + "<si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></si>"
                + "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
                + "<si><t/></si>"
                + "</sst>";

        try (SharedStringsFile strings = SharedStringsFile.spill(
                new ByteArrayInputStream(sst.getBytes(StandardCharsets.UTF_8)), dir)) {
            assertThat(strings.size()).isEqualTo(4);
            assertThat(strings.get(0)).isEqualTo("张三");
            assertThat(strings.get(1)).isEqualTo("rich text");
            assertThat(strings.get(2)).isEqualTo("東京");
            assertThat(strings.get(3)).isEmpty();
            assertThat(strings.get(4)).isEmpty();
        }
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aDocumentTypeDeclarationIsNotFollowed() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        String sst = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&x;</t></si></sst>";
        Path spill = Files.createDirectory(dir.resolve("spill"));

        try (SharedStringsFile strings = SharedStringsFile.spill(
                new ByteArrayInputStream(sst.getBytes(StandardCharsets.UTF_8)), spill)) {
            assertThat(strings.get(0)).doesNotContain("top secret");
        } catch (ImportException refused) {
            assertThat(refused).hasMessageContaining("not readable");
        }
    }
}
