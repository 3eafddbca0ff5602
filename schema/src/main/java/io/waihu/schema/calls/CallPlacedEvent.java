package io.waihu.schema.calls;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PersonalData;
import io.waihu.schema.common.PhoneNumber;
import org.axonframework.serialization.Revision;

/**
 * A call attempt began. The number is personal data of the customer, or — for a number that
 * belongs to no customer — of the call itself ({@code dataSubject} is then {@code call:<id>}).
 * Its metadata names the server node whose gateway carries the call ({@link #NODE}): the
 * operational context of the event, like the acting user, so no stored event changes shape.
 */
@EventName("calls.CallPlaced")
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

    /**
     * Metadata key of the placement (command and event): the id of the node carrying the call,
     * so that a node restarted after a crash ends its own calls and no other node's.
     */
    public static final String NODE = "node";

    /** The data subject of a call: its customer, or the call itself for unknown numbers. */
    public static String subjectOf(String callId, String customerId) {
        return customerId != null ? customerId : "call:" + callId;
    }
}
