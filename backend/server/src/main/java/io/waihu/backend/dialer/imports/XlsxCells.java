package io.waihu.backend.dialer.imports;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * What a cell of a sheet says, as text. Numbers are stored as doubles and written however the
 * writer pleases ({@code 1.3800138E10} for a mobile number typed into a cell), so they come out
 * as plain digits — rounded to Excel's 15 significant digits for ordinary numbers, exact for
 * phone columns — never in scientific notation. A number formatted as a date comes out as an
 * ISO date ({@code 2024-05-01}, or with the time when it has one), except in phone columns,
 * where the digits are what was meant.
 */
final class XlsxCells {

    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SharedStringsFile strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();

    XlsxCells(XSSFReader reader, SharedStringsFile strings) throws IOException, OpenXML4JException, XMLStreamException {
        this.strings = strings;
        StylesTable found;
        try {
            found = reader.getStylesTable();
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException | IllegalArgumentException e) {
            found = null;
        }
        this.styles = found;
        try (InputStream workbook = reader.getWorkbookData()) {
            this.date1904 = date1904(workbook);
        }
    }

    /** Whether dates count from 1904 ({@code <workbookPr date1904="1"/>}, old Mac workbooks). */
    private static boolean date1904(InputStream workbook) throws XMLStreamException {
        XMLStreamReader xml = Xml.reader(workbook);
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    if ("workbookPr".equals(xml.getLocalName())) {
                        String value = xml.getAttributeValue(null, "date1904");
                        return "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                    if ("sheets".equals(xml.getLocalName())) {
                        return false;
                    }
                }
            }
            return false;
        } finally {
            xml.close();
        }
    }

    /** Zero-based column of a cell reference ({@code "C12"} → 2). */
    static int column(String ref) {
        int column = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            if (column > 1 << 20) {
                return -1;
            }
            i++;
        }
        return column - 1;
    }

    String text(String type, String style, String value, StringBuilder inline, boolean digits) {
        if (inline != null) {
            return inline.toString();
        }
        if (value == null) {
            return "";
        }
        if (type == null || "n".equals(type)) {
            return number(value, style, digits);
        }
        return switch (type) {
            case "s" -> strings == null ? "" : strings.get(index(value));
            case "b" -> "1".equals(value.strip()) ? "TRUE" : "FALSE";
            default -> value; // str (a formula's text), e (#N/A…), d (an ISO date), inlineStr without <is>
        };
    }

    private static int index(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String number(String value, String style, boolean digits) {
        BigDecimal number;
        try {
            number = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return value;
        }
        if (digits) {
            return plain(number);
        }
        if (isDate(style)) {
            double serial = number.doubleValue();
            if (DateUtil.isValidExcelDate(serial)) {
                LocalDateTime moment = DateUtil.getLocalDateTime(serial, date1904, true);
                return moment.toLocalTime().equals(LocalTime.MIDNIGHT) ? moment.toLocalDate().toString() : DATE_TIME.format(moment);
            }
        }
        return plain(number.round(EXCEL_DIGITS));
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    private boolean isDate(String style) {
        if (styles == null || style == null) {
            return false;
        }
        int index = index(style);
        if (index < 0) {
            return false;
        }
        return dateStyles.computeIfAbsent(index, i -> {
            if (i >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle cellStyle = styles.getStyleAt(i);
            return cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
        });
    }
}
