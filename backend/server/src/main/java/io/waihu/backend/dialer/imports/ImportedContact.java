package io.waihu.backend.dialer.imports;

import io.waihu.schema.common.PhoneNumber;
import java.util.List;
import java.util.Map;

/**
 * A row that passed: its numbers in E.164 (at least one; none blacklisted, already in the
 * campaign or seen earlier in the file), the name ({@code null} when the list has none), the
 * priority ({@code 0} unless the list says), the other columns by header, and what was dropped
 * from the row on the way ({@code remarks}, e.g. a second number that was not a number).
 *
 * @param line the source line (CSV: the physical line the record starts on; XLSX: the row number)
 */
public record ImportedContact(long line, List<PhoneNumber> phones, String name, int priority,
        Map<String, String> customFields, List<Remark> remarks) {

    public ImportedContact {
        phones = List.copyOf(phones);
        customFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
        remarks = List.copyOf(remarks);
    }
}
