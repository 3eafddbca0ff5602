package io.waihu.backend.dialer.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * Rows of one worksheet of an XLSX file, pulled with StAX from the sheet's XML inside the zip
 * (POI's package layer finds the parts; its user model, which builds the whole sheet in
 * memory, is not used). Shared strings are spilled to disk ({@link SharedStringsFile}); styles
 * are read (small: they tell which numbers are dates). Row numbers are the sheet's own
 * ({@code <row r="…">}), the numbers Excel shows at the left.
 */
final class XlsxRows implements RowSource {

    private final OPCPackage workbook;
    private final SharedStringsFile strings;
    private final InputStream sheetData;
    private final XMLStreamReader xml;
    private final XlsxCells cells;
    private final String description;
    private BitSet digitColumns = new BitSet();
    private int width = ImportLimits.MAX_COLUMNS + 1;
    private long lastRow;

    XlsxRows(Path file, ImportOptions options) throws IOException {
        try {
            this.workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (InvalidFormatException | NotOfficeXmlFileException e) {
            throw new ImportException("not an XLSX workbook: " + e.getMessage(), e);
        }
        SharedStringsFile spilled = null;
        try {
            XSSFReader reader = new XSSFReader(workbook);
            List<PackagePart> sst = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (!sst.isEmpty()) {
                try (InputStream in = sst.get(0).getInputStream()) {
                    spilled = SharedStringsFile.spill(in, options.tempDir() != null ? options.tempDir()
                            : Path.of(System.getProperty("java.io.tmpdir")));
                }
            }
            this.strings = spilled;
            this.cells = new XlsxCells(reader, spilled);
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            InputStream chosen = null;
            String chosenName = null;
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                InputStream sheet = sheets.next();
                names.add(sheets.getSheetName());
                if (chosen == null && (options.sheet() == null || options.sheet().equals(sheets.getSheetName()))) {
                    chosen = sheet;
                    chosenName = sheets.getSheetName();
                } else {
                    sheet.close();
                }
            }
            if (chosen == null) {
                throw new ImportException(options.sheet() == null ? "the workbook has no sheet"
                        : "the workbook has no sheet named " + options.sheet() + "; its sheets are " + names);
            }
            this.sheetData = chosen;
            this.xml = Xml.reader(chosen);
            this.description = "XLSX, sheet '" + chosenName + "'"
                    + (spilled == null ? "" : ", " + spilled.size() + " shared strings spilled to disk");
        } catch (OpenXML4JException | XMLStreamException e) {
            release(spilled);
            throw new ImportException("the workbook cannot be read: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            release(spilled);
            throw e;
        }
    }

    private void release(SharedStringsFile spilled) throws IOException {
        try {
            if (spilled != null) {
                spilled.close();
            }
        } finally {
            workbook.revert();
        }
    }

    @Override
    public List<String> header() throws IOException {
        SourceRow row = next();
        if (row == null) {
            throw new ImportException("the sheet is empty: no header row");
        }
        return row.cells();
    }

    @Override
    public void shape(BitSet digitColumns, int width) {
        this.digitColumns = digitColumns;
        this.width = width;
    }

    @Override
    public SourceRow next() throws IOException {
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    String r = xml.getAttributeValue(null, "r");
                    long number = r == null ? lastRow + 1 : Long.parseLong(r.strip());
                    lastRow = number;
                    List<String> values = row();
                    if (values.stream().anyMatch(v -> !v.isBlank())) {
                        return new SourceRow(number, values, null, null);
                    }
                }
            }
            return null;
        } catch (XMLStreamException | NumberFormatException e) {
            throw new ImportException("the sheet is not readable XML after row " + lastRow + ": " + e.getMessage(), e);
        }
    }

    /** The cells of the row the reader is on, gaps filled with {@code ""}; returns on {@code </row>}. */
    private List<String> row() throws XMLStreamException {
        List<String> values = new ArrayList<>();
        int column = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                return values;
            }
            if (event != XMLStreamConstants.START_ELEMENT || !"c".equals(xml.getLocalName())) {
                continue;
            }
            String ref = xml.getAttributeValue(null, "r");
            column = ref == null ? column + 1 : XlsxCells.column(ref);
            String type = xml.getAttributeValue(null, "t");
            String style = xml.getAttributeValue(null, "s");
            String value = null;
            StringBuilder inline = null;
            while (xml.hasNext()) {
                int inner = xml.next();
                if (inner == XMLStreamConstants.END_ELEMENT && "c".equals(xml.getLocalName())) {
                    break;
                }
                if (inner == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("v".equals(name)) {
                        value = xml.getElementText();
                    } else if ("is".equals(name)) {
                        inline = new StringBuilder();
                        Xml.runs(xml, "is", inline);
                    } else if ("f".equals(name)) {
                        xml.getElementText();
                    }
                }
            }
            if (column < 0 || column >= width) {
                continue;
            }
            while (values.size() < column) {
                values.add("");
            }
            if (values.size() == column) {
                values.add(cells.text(type, style, value, inline, digitColumns.get(column)));
            }
        }
        return values;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
            sheetData.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            if (strings != null) {
                strings.close();
            }
            workbook.revert();
        }
    }
}
