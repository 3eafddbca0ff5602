package io.waihu.schema.calls;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A DTMF digit on a leg. Digits can be card or identity numbers typed into an IVR, so they
 * are personal data of the call's subject.
 */
@EventName("calls.CallDtmfReceived")
@Revision("1")
public record CallDtmfReceivedEvent(
        String callId, @DataSubject String dataSubject, CallParty party, @PersonalData String digit,
        int durationMillis, Instant at) {
}
