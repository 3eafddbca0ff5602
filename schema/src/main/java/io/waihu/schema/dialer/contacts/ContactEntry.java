package io.waihu.schema.dialer.contacts;

import io.waihu.schema.common.PhoneNumber;
import java.util.List;
import java.util.Map;

/**
 * One row of a list, as the import hands it to the write path: the ids it gets, the customer
 * it links to (an existing customer with one of its numbers, or one created with it when
 * {@code newCustomer}), and its values, already checked against the CRM's limits.
 *
 * @param line the row's line in the file, for the people who read the import's report
 */
public record ContactEntry(String contactId, String customerId, boolean newCustomer, long line,
        List<PhoneNumber> phones, String name, int priority, Map<String, String> customFields) {
}
