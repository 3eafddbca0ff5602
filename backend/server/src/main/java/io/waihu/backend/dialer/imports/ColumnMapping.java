package io.waihu.backend.dialer.imports;

import java.util.List;
import java.util.Set;

/**
 * Which columns, named by their header, hold what. Every column not named here and not
 * {@code ignored} becomes a custom field under its header. Headers match ignoring case and
 * surrounding white space. Several phone columns are allowed; all columns of a listed header
 * are phone columns when the header repeats.
 *
 * <p>Without a mapping ({@code null} in {@link ImportOptions}) the columns are found by their
 * header names, in English or Chinese: {@code phone, mobile, tel, 电话, 手机, 手机号码, 联系电话,
 * 座机…} (a trailing number allowed: {@code 电话2}) for numbers, {@code name, 姓名, 客户名称,
 * 联系人…} for the name, {@code priority, 优先级} for the priority — {@link Columns} holds the lists.
 *
 * @param phones   headers of the phone columns (at least one)
 * @param name     header of the name column, or {@code null}
 * @param priority header of the priority column, or {@code null}
 * @param ignored  headers of columns that are neither read nor kept
 */
public record ColumnMapping(List<String> phones, String name, String priority, Set<String> ignored) {

    public ColumnMapping {
        if (phones == null || phones.isEmpty()) {
            throw new IllegalArgumentException("a mapping names at least one phone column");
        }
        phones = List.copyOf(phones);
        ignored = ignored == null ? Set.of() : Set.copyOf(ignored);
    }

    public static ColumnMapping of(List<String> phones, String name, String priority) {
        return new ColumnMapping(phones, name, priority, Set.of());
    }
}
