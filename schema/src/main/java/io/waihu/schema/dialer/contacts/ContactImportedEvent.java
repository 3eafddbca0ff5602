package io.waihu.schema.dialer.contacts;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PersonalData;
import io.waihu.schema.common.PhoneNumber;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A contact joined a campaign from a list. Its numbers, name and custom fields are personal
 * data of its customer when it links to one ({@code dataSubject} is the customer id), else of
 * the contact itself ({@code contact:<id>}, see {@link #subjectOf}).
 *
 * @param line the row's line in the imported file
 */
@EventName("dialer.ContactImported")
@Revision("1")
public record ContactImportedEvent(
        String contactId,
        String campaignId,
        String importId,
        @DataSubject String dataSubject,
        String customerId,
        @PersonalData List<PhoneNumber> phones,
        @PersonalData String name,
        @PersonalData Map<String, String> customFields,
        int priority,
        long line) {

    /** The data subject of a contact: its customer, or the contact itself when it links to none. */
    public static String subjectOf(String contactId, String customerId) {
        return customerId != null ? customerId : "contact:" + contactId;
    }
}
