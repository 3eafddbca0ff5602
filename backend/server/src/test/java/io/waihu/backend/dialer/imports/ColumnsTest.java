package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void chineseAndEnglishHeadersAreFoundWithoutAMapping() {
        Columns columns = Columns.resolve(List.of("客户名称", "手机号码", "联系电话", "Phone 2", "优先级", "地址", ""), null);

        assertThat(columns.name).isEqualTo(0);
        assertThat(columns.phones).containsExactly(1, 2, 3);
        assertThat(columns.priority).isEqualTo(4);
        assertThat(columns.fieldNames).containsExactly("地址");
        assertThat(columns.width).isEqualTo(6);
    }

    @Test
    void aSecondNameColumnIsACustomField() {
        Columns columns = Columns.resolve(List.of("phone", "Name", "联系人"), null);

        assertThat(columns.name).isEqualTo(1);
        assertThat(columns.fieldNames).containsExactly("联系人");
    }

    @Test
    void aHeaderNoFieldCanBeNamedAfterStopsTheImportNamingTheColumn() {
        assertThatThrownBy(() -> Columns.resolve(List.of("phone", "x".repeat(65)), null))
                .isInstanceOf(ImportException.class).hasMessageContaining("column 2");
        assertThatThrownBy(() -> Columns.resolve(List.of("phone", "a\u0001b"), null))
                .isInstanceOf(ImportException.class).hasMessageContaining("U+0001");
    }

    @Test
    void moreColumnsThanACustomerHoldsFieldsAreRefusedUnlessIgnored() {
        List<String> header = new ArrayList<>(List.of("phone"));
        for (int i = 0; i <= ImportLimits.MAX_CUSTOM_FIELDS; i++) {
            header.add("f" + i);
        }
        assertThatThrownBy(() -> Columns.resolve(header, null)).isInstanceOf(ImportException.class)
                .hasMessageContaining("custom fields");

        Columns columns = Columns.resolve(header, new ColumnMapping(List.of("phone"), null, null, java.util.Set.of("f0")));
        assertThat(columns.fields).hasSize(ImportLimits.MAX_CUSTOM_FIELDS);
    }

    /** The limits are the CRM customer's, since a contact may become one. */
    @Test
    void theRowLimitsAreTheCustomersLimits() throws ReflectiveOperationException {
        Class<?> rules = Class.forName("io.waihu.backend.crm.CustomerRules");

        assertThat(ImportLimits.MAX_NAME).isEqualTo(constant(rules, "MAX_NAME"));
        assertThat(ImportLimits.MAX_PHONES).isEqualTo(constant(rules, "MAX_PHONES"));
        assertThat(ImportLimits.MAX_FIELD_NAME).isEqualTo(constant(rules, "MAX_TAG"));
        assertThat(ImportLimits.MAX_CUSTOM_FIELDS).isEqualTo(constant(rules, "MAX_CUSTOM_FIELDS"));
        assertThat(ImportLimits.MAX_FIELD_VALUE).isEqualTo(constant(rules, "MAX_CUSTOM_VALUE"));
    }

    private static int constant(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.getInt(null);
    }
}
