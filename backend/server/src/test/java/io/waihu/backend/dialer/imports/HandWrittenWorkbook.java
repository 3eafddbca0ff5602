package io.waihu.backend.dialer.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A large XLSX written part by part as plain XML, the way Excel lays it out (every text in the
 * shared-string table, numbers as doubles: {@code 1.3800000001E10}). POI's streaming writer
 * keeps its shared-string table as XMLBeans objects and took minutes for 200,000 rows of long
 * text on the test machine; this takes seconds, and reading a file POI did not write is a
 * check of its own. Column A is the phone (a number, or an inline string when it is no number),
 * B and C are shared strings.
 */
final class HandWrittenWorkbook {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** One data row: the phone cell's text and the two text cells. */
    record Line(String phone, String name, String address) {
    }

    private HandWrittenWorkbook() {
    }

    /** Writes the workbook and returns the UTF-16 bytes its shared strings take as Java strings. */
    static long write(Path file, String sheet, List<String> header, int rows, IntFunction<Line> line) throws IOException {
        long javaBytes = 0;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            part(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + override("/xl/workbook.xml", "sheet.main") + override("/xl/worksheets/sheet1.xml", "worksheet")
                    + override("/xl/sharedStrings.xml", "sharedStrings") + override("/xl/styles.xml", "styles")
                    + "</Types>");
            part(zip, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            part(zip, "xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELS + "\"><sheets>"
                    + "<sheet name=\"" + sheet + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            part(zip, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + RELS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"" + RELS + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"" + RELS + "/styles\" Target=\"styles.xml\"/>"
                    + "</Relationships>");
            part(zip, "xl/styles.xml", "<styleSheet xmlns=\"" + MAIN + "\"><fonts count=\"1\"><font/></fonts>"
                    + "<fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders>"
                    + "<cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"1\"><xf/></cellXfs></styleSheet>");

            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            Writer strings = writer(zip);
            int count = header.size() + 2 * rows;
            strings.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"" + MAIN
                    + "\" count=\"" + count + "\" uniqueCount=\"" + count + "\">");
            for (String title : header) {
                javaBytes += string(strings, title);
            }
            for (int i = 1; i <= rows; i++) {
                Line row = line.apply(i);
                javaBytes += string(strings, row.name()) + string(strings, row.address());
            }
            strings.write("</sst>");
            strings.flush();
            zip.closeEntry();

            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer cells = writer(zip);
            cells.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" + MAIN
                    + "\"><sheetData><row r=\"1\">");
            for (int c = 0; c < header.size(); c++) {
                cells.write("<c r=\"" + (char) ('A' + c) + "1\" t=\"s\"><v>" + c + "</v></c>");
            }
            cells.write("</row>");
            for (int i = 1; i <= rows; i++) {
                Line row = line.apply(i);
                int r = i + 1;
                int shared = header.size() + 2 * (i - 1);
                cells.write("<row r=\"" + r + "\">");
                if (row.phone().matches("[0-9]{11}")) {
                    cells.write("<c r=\"A" + r + "\"><v>" + Double.parseDouble(row.phone()) + "</v></c>");
                } else {
                    cells.write("<c r=\"A" + r + "\" t=\"inlineStr\"><is><t>" + row.phone() + "</t></is></c>");
                }
                cells.write("<c r=\"B" + r + "\" t=\"s\"><v>" + shared + "</v></c><c r=\"C" + r + "\" t=\"s\"><v>"
                        + (shared + 1) + "</v></c></row>");
            }
            cells.write("</sheetData></worksheet>");
            cells.flush();
            zip.closeEntry();
        }
        return javaBytes;
    }

    private static long string(Writer out, String text) throws IOException {
        out.write("<si><t>");
        out.write(text.replace("&", "&amp;").replace("<", "&lt;"));
        out.write("</t></si>");
        return 40 + 2L * text.length(); // a String's header and its array, with compact strings off for Chinese
    }

    private static String override(String part, String kind) {
        return "<Override PartName=\"" + part + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml."
                + kind + "+xml\"/>";
    }

    private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Writer out = writer(zip);
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml);
        out.flush();
        zip.closeEntry();
    }

    /** A writer that leaves the zip open when flushed. */
    private static Writer writer(OutputStream zip) {
        return new java.io.BufferedWriter(new OutputStreamWriter(new java.io.FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
            }
        }, StandardCharsets.UTF_8), 64 * 1024);
    }
}
