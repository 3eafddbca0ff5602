package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxImportTest {

    @TempDir
    Path dir;

    private Path write(Workbook workbook, String name) throws IOException {
        Path file = dir.resolve(name);
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        return file;
    }

    private static String sheetXml(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }

    /** A workbook as Excel saves one: shared strings, numbers typed into phone cells, a date. */
    private Path typicalWorkbook() throws IOException {
        XSSFWorkbook workbook = new XSSFWorkbook();
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
        Sheet sheet = workbook.createSheet("客户");
        Row header = sheet.createRow(0);
        String[] titles = {"姓名", "手机", "电话", "生日", "金额", "备注"};
        for (int i = 0; i < titles.length; i++) {
            header.createCell(i).setCellValue(titles[i]);
        }
        Row zhang = sheet.createRow(1);
        zhang.createCell(0).setCellValue("张三");
        zhang.createCell(1).setCellValue(13800138000d);
        zhang.createCell(2).setCellValue(13900139000d);
        zhang.getCell(2).setCellStyle(date); // a phone column someone formatted as dates
        zhang.createCell(3).setCellValue(LocalDate.of(1990, 5, 1));
        zhang.getCell(3).setCellStyle(date);
        zhang.createCell(4).setCellValue(0.1 + 0.2);
        zhang.createCell(5).setCellValue("张三"); // shared with the name: one string in the table
        Row li = sheet.createRow(4); // rows 3 and 4 are empty in Excel
        li.createCell(1).setCellValue("+86 137 0013 7000");
        li.createCell(0).setCellValue("李四");
        Sheet other = workbook.createSheet("第二页");
        other.createRow(0).createCell(0).setCellValue("phone");
        other.createRow(1).createCell(0).setCellValue(13600136000d);
        return write(workbook, "typical.xlsx");
    }

    @Test
    void numbersInPhoneCellsComeOutAsTheirDigitsEvenWhenFormattedAsDates() throws IOException {
        Path file = typicalWorkbook();
        assertThat(sheetXml(file)).contains("<v>1.3800138E10</v>");

        Imports result = Imports.run(file, ImportOptions.defaults(), NumberScreen.NONE);

        assertThat(result.phonesOf(2)).containsExactly("+8613800138000", "+8613900139000");
        assertThat(result.contactAt(2).name()).isEqualTo("张三");
        assertThat(result.contactAt(2).customFields())
                .containsEntry("生日", "1990-05-01").containsEntry("金额", "0.3").containsEntry("备注", "张三");
        assertThat(result.phonesOf(5)).containsExactly("+8613700137000");
        assertThat(result.summary.source()).contains("sheet '客户'", "shared strings spilled");
    }

    @Test
    void aSheetCanBeChosenByName() throws IOException {
        Imports result = Imports.run(typicalWorkbook(), ImportOptions.defaults().withSheet("第二页"), NumberScreen.NONE);

        assertThat(result.contacts).extracting(c -> c.phones().get(0).e164()).containsExactly("+8613600136000");
        assertThatThrownBy(() -> Imports.run(typicalWorkbook(), ImportOptions.defaults().withSheet("Sheet9"),
                NumberScreen.NONE)).isInstanceOf(ImportException.class).hasMessageContaining("客户", "第二页");
    }

    @Test
    void theSpilledSharedStringsAreGoneWhenTheReadEnds() throws IOException {
        Path spill = Files.createDirectory(dir.resolve("spill"));

        Imports.run(typicalWorkbook(), ImportOptions.defaults().withTempDir(spill), NumberScreen.NONE);

        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aStreamedWorkbookWithInlineStringsReadsItsRowsAndRejects() throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(50);
        Sheet sheet = workbook.createSheet();
        Row header = sheet.createRow(0);
        header.createCell(0).setCellValue("phone");
        header.createCell(1).setCellValue("name");
        String[] names = {"a", "b", "c", "d"};
        Object[] phones = {13800138000d, "12345", 13800138000d, "13900139000"};
        for (int i = 0; i < names.length; i++) {
            Row row = sheet.createRow(i + 1);
            if (phones[i] instanceof Double d) {
                row.createCell(0).setCellValue(d);
            } else {
                row.createCell(0).setCellValue((String) phones[i]);
            }
            row.createCell(1).setCellValue(names[i]);
        }
        Path file = write(workbook, "streamed.xlsx");
        assertThat(sheetXml(file)).contains("t=\"inlineStr\"");

        Imports result = Imports.run(file, ImportOptions.defaults(), NumberScreen.NONE);

        assertThat(result.contacts).extracting(ImportedContact::line).containsExactly(2L, 5L);
        assertThat(result.reportLine(3).get("reason")).isEqualTo("INVALID_PHONE");
        assertThat(result.reportLine(3).get("row")).isEqualTo("12345,b");
        assertThat(result.reportLine(4).get("message")).isEqualTo("duplicate of line 2: +8613800138000");
    }

    @Test
    void anOldXlsWorkbookIsRefusedWithWhatToDo() throws IOException {
        Path file = dir.resolve("old.xls");
        Files.write(file, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});

        assertThatThrownBy(() -> Imports.run(file, ImportOptions.defaults(), NumberScreen.NONE))
                .isInstanceOf(ImportException.class).hasMessageContaining("save it as XLSX");
    }

    @Test
    void aZipThatIsNoWorkbookIsRefused() throws IOException {
        Path file = dir.resolve("not.xlsx");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            zip.write("hi".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> Imports.run(file, ImportOptions.defaults(), NumberScreen.NONE))
                .isInstanceOf(ImportException.class);
    }
}
