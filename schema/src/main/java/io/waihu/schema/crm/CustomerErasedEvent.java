package io.waihu.schema.crm;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/**
 * The customer's personal data was erased: its data key is destroyed, so every
 * {@code @PersonalData} value in its events reads as absent from now on.
 */
@EventName("crm.CustomerErased")
@Revision("1")
public record CustomerErasedEvent(String customerId, String reason) {
}
