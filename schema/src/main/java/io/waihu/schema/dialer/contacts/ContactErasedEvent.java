package io.waihu.schema.dialer.contacts;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/**
 * A contact's personal data was erased: the key of {@code contact:<id>} is destroyed, so its
 * numbers, name and fields read as absent from now on. Who asked is in the metadata.
 */
@EventName("dialer.ContactErased")
@Revision("1")
public record ContactErasedEvent(String contactId, String campaignId, String reason) {
}
