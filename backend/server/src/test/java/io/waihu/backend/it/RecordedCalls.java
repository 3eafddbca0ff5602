package io.waihu.backend.it;

import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import io.waihu.schema.common.PhoneNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Calls recorded with the very commands the gateway's reports become, for tests of what the
 * API does with call records (filters, pages, access, downloads) without placing real calls —
 * the end-to-end tests place real ones.
 */
final class RecordedCalls {

    private static final MetaData GATEWAY = MetaData.from(Map.of(CommandMetadata.USER_ID, "gateway",
            CommandMetadata.USERNAME, "gateway"));

    private RecordedCalls() {
    }

    /** A call attempt that ended with {@code result}; answered calls talk for {@code talkSeconds}. */
    static String record(CommandGateway commands, String agentId, String customerId, String e164, CallResult result,
            int talkSeconds, RecordRecordingStoredCommand recording) {
        String callId = recording != null ? recording.callId() : UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<Object> steps = new ArrayList<>();
        steps.add(new PlaceCallCommand(callId, agentId, customerId, new PhoneNumber(e164), null,
                CallOrigin.CLICK_TO_DIAL, null));
        CallProgress progress = CallProgress.NONE;
        if (result == CallResult.ANSWERED) {
            progress = new CallProgress(null, null, null, 0, now);
            steps.add(new RecordCallConnectedCommand(callId, progress));
        }
        steps.add(new RecordCallEndedCommand(callId, result, result == CallResult.ANSWERED ? 200 : 486, "test",
                CallParty.CUSTOMER, progress, now.plusSeconds(talkSeconds)));
        if (recording != null) {
            steps.add(recording);
        }
        for (Object command : steps) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(GATEWAY));
        }
        return callId;
    }
}
