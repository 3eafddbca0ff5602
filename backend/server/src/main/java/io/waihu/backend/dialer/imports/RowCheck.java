package io.waihu.backend.dialer.imports;

import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.common.Text;
import io.waihu.schema.common.Text.Lines;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One row on its own: its name, priority and custom fields within {@link ImportLimits}, its
 * numbers normalised to E.164 by the CRM's {@link PhoneNumbers} (the configured default region
 * for numbers without a country code). A row with a bad name, field or priority is rejected; a
 * bad number is dropped with a remark, and only a row left without any number is rejected.
 * Surrounding white space (a spreadsheet's trailing tab) is not part of any value.
 */
final class RowCheck {

    private final PhoneNumbers numbers;
    private final Columns columns;
    private final List<String> header;

    RowCheck(PhoneNumbers numbers, Columns columns, List<String> header) {
        this.numbers = numbers;
        this.columns = columns;
        this.header = header;
    }

    Pending check(SourceRow row) {
        Pending pending = new Pending(row);
        if (row.malformed() != null) {
            return pending.reject(Reason.MALFORMED_ROW, row.malformed());
        }
        List<String> cells = row.cells();
        String name = cell(cells, columns.name).strip();
        if (!name.isEmpty()) {
            String fault = name.length() > ImportLimits.MAX_NAME
                    || name.toLowerCase(Locale.ROOT).length() > ImportLimits.MAX_NAME
                    ? "is longer than " + ImportLimits.MAX_NAME + " characters"
                    : Text.fault(name, ImportLimits.MAX_NAME, Lines.SINGLE);
            if (fault != null) {
                return pending.reject(Reason.INVALID_NAME, "name " + fault);
            }
            pending.name = name;
        }
        String priority = cell(cells, columns.priority).strip();
        if (!priority.isEmpty()) {
            Integer value = priority(priority);
            if (value == null) {
                return pending.reject(Reason.INVALID_PRIORITY, "priority must be a whole number from 0 to "
                        + ImportLimits.MAX_PRIORITY + ": " + abbreviate(priority));
            }
            pending.priority = value;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < columns.fields.length; i++) {
            String value = cell(cells, columns.fields[i]).strip();
            if (value.isEmpty()) {
                continue;
            }
            String fault = Text.fault(value, ImportLimits.MAX_FIELD_VALUE, Lines.MULTI);
            if (fault != null) {
                return pending.reject(Reason.INVALID_FIELD, columns.fieldNames[i] + " " + fault);
            }
            fields.put(columns.fieldNames[i], value);
        }
        pending.fields = fields;
        return phones(pending, cells);
    }

    private Pending phones(Pending pending, List<String> cells) {
        Set<PhoneNumber> valid = new LinkedHashSet<>();
        int written = 0;
        for (int column : columns.phones) {
            for (String piece : PhoneCells.pieces(cell(cells, column))) {
                written++;
                try {
                    valid.add(numbers.normalize(piece, header.get(column)));
                } catch (RuleViolation e) {
                    pending.remarks.add(new Remark(Reason.INVALID_PHONE, header.get(column) + ": " + e.getMessage()));
                }
            }
        }
        if (written == 0) {
            return pending.reject(Reason.NO_PHONE, "no phone number in " + phoneHeaders());
        }
        for (PhoneNumber number : valid) {
            if (pending.phones.size() == ImportLimits.MAX_PHONES) {
                pending.remarks.add(new Remark(Reason.TOO_MANY_PHONES, "left out, a contact holds at most "
                        + ImportLimits.MAX_PHONES + " numbers: " + number));
            } else {
                pending.phones.add(number);
            }
        }
        if (pending.phones.isEmpty()) {
            pending.rejectForRemarks();
        }
        return pending;
    }

    private String phoneHeaders() {
        StringBuilder out = new StringBuilder();
        for (int column : columns.phones) {
            out.append(out.isEmpty() ? "" : ", ").append(header.get(column));
        }
        return out.toString();
    }

    private static Integer priority(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.stripTrailingZeros().scale() > 0 || value.signum() < 0
                    || value.compareTo(BigDecimal.valueOf(ImportLimits.MAX_PRIORITY)) > 0) {
                return null;
            }
            return value.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String cell(List<String> cells, int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : "";
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
