package io.waihu.schema.calls;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.PersonalData;
import io.waihu.schema.common.PhoneNumber;
import org.axonframework.serialization.Revision;

/**
 * A call attempt began. The number is personal data of the customer, or — for a number that
 * belongs to no customer — of the call itself ({@code dataSubject} is then {@code call:<id>}).
 */
@Revision("1")
public record CallPlacedEvent(
        String callId,
        @DataSubject String dataSubject,
        String agentId,
        String customerId,
        @PersonalData PhoneNumber number,
        String trunkId,
        CallOrigin origin,
        String campaignId) {

    /** The data subject of a call: its customer, or the call itself for unknown numbers. */
    public static String subjectOf(String callId, String customerId) {
        return customerId != null ? customerId : "call:" + callId;
    }
}
