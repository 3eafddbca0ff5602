package io.waihu.backend.dialer.imports;

import io.waihu.schema.common.Text;
import io.waihu.schema.common.Text.Lines;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A header resolved against a {@link ColumnMapping} (or the default header names): column
 * indices of the numbers, name and priority, and the custom fields with their names. Custom
 * field names are stored in every imported contact's events, so a header that could not be a
 * customer's field name (too long, control characters, two columns of one name) stops the
 * import before any row, with the column named — renaming a header is the user's fix, not a
 * thousand rejected rows. Columns without a header are ignored: spreadsheets often carry empty
 * trailing columns.
 */
final class Columns {

    private static final Set<String> PHONE_HEADERS = Set.of("phone", "phones", "phonenumber", "mobile",
            "mobilephone", "mobilenumber", "cell", "cellphone", "tel", "telephone", "number", "电话", "手机",
            "手机号", "手机号码", "电话号码", "联系电话", "联系方式", "移动电话", "固定电话", "固话", "座机", "号码");
    private static final Set<String> NAME_HEADERS = Set.of("name", "fullname", "contact", "contactname",
            "customer", "customername", "姓名", "名字", "名称", "客户", "客户名", "客户名称", "客户姓名", "联系人",
            "联系人姓名");
    private static final Set<String> PRIORITY_HEADERS = Set.of("priority", "优先级");

    final int[] phones;
    final int name;
    final int priority;
    final int[] fields;
    final String[] fieldNames;
    /** Cells past this index are not read. */
    final int width;

    private Columns(List<Integer> phones, int name, int priority, List<Integer> fields, List<String> fieldNames) {
        this.phones = phones.stream().mapToInt(Integer::intValue).toArray();
        this.name = name;
        this.priority = priority;
        this.fields = fields.stream().mapToInt(Integer::intValue).toArray();
        this.fieldNames = fieldNames.toArray(String[]::new);
        int max = Math.max(name, priority);
        for (int column : this.phones) {
            max = Math.max(max, column);
        }
        for (int column : this.fields) {
            max = Math.max(max, column);
        }
        this.width = max + 1;
    }

    static Columns resolve(List<String> header, ColumnMapping mapping) {
        if (header.size() > ImportLimits.MAX_COLUMNS) {
            throw new ImportException("the header has more than " + ImportLimits.MAX_COLUMNS + " columns");
        }
        List<Integer> phones = new ArrayList<>();
        int name = -1;
        int priority = -1;
        List<Integer> fields = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        Set<String> seenFields = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String title = header.get(i) == null ? "" : header.get(i).strip();
            if (title.isEmpty()) {
                continue;
            }
            String key = title.toLowerCase(Locale.ROOT);
            if (mapping == null ? PHONE_HEADERS.contains(phoneKey(title)) : contains(mapping.phones(), key)) {
                phones.add(i);
            } else if (name < 0 && (mapping == null ? NAME_HEADERS.contains(compact(title)) : key.equals(lower(mapping.name())))) {
                name = i;
            } else if (priority < 0 && (mapping == null ? PRIORITY_HEADERS.contains(compact(title))
                    : key.equals(lower(mapping.priority())))) {
                priority = i;
            } else if (mapping == null || !contains(mapping.ignored(), key)) {
                fields.add(i);
                fieldNames.add(fieldName(title, i, seenFields));
            }
        }
        if (mapping != null) {
            for (String wanted : mapping.phones()) {
                requirePresent(header, wanted);
            }
            requirePresent(header, mapping.name());
            requirePresent(header, mapping.priority());
        }
        if (phones.isEmpty()) {
            throw new ImportException("no phone column: name one in the mapping, or head it phone, mobile, 电话 or 手机"
                    + " (the header is " + header + ")");
        }
        if (fields.size() > ImportLimits.MAX_CUSTOM_FIELDS) {
            throw new ImportException(fields.size() + " columns would become custom fields; a contact holds at most "
                    + ImportLimits.MAX_CUSTOM_FIELDS + " (ignore some in the mapping)");
        }
        return new Columns(phones, name, priority, fields, fieldNames);
    }

    private static String fieldName(String title, int column, Set<String> seen) {
        String fault = Text.fault(title, ImportLimits.MAX_FIELD_NAME, Lines.SINGLE);
        if (fault != null) {
            throw new ImportException("column " + (column + 1) + "'s header cannot name a field: it " + fault);
        }
        if (!seen.add(title.toLowerCase(Locale.ROOT))) {
            throw new ImportException("two columns are headed " + title + ": rename one or ignore it in the mapping");
        }
        return title;
    }

    private static void requirePresent(List<String> header, String wanted) {
        if (wanted != null && header.stream().noneMatch(h -> h != null && h.strip().equalsIgnoreCase(wanted.strip()))) {
            throw new ImportException("the mapping names a column " + wanted + " that the file does not have"
                    + " (the header is " + header + ")");
        }
    }

    private static boolean contains(java.util.Collection<String> headers, String key) {
        return headers.stream().anyMatch(h -> h != null && key.equals(lower(h)));
    }

    private static String lower(String header) {
        return header == null ? null : header.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code "Phone Number"} and {@code "phone_number"} match {@code phonenumber}. */
    private static String compact(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.:：]", "");
    }

    /** {@code "phone 2"} and {@code "电话2"} are phone columns too. */
    private static String phoneKey(String title) {
        return compact(title).replaceAll("[0-9]+$", "");
    }
}
