package io.waihu.backend.calls;

import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.RecordAgentAnsweredCommand;
import io.waihu.schema.calls.RecordAgentRingingCommand;
import io.waihu.schema.calls.RecordCallAnsweredCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.calls.RecordCustomerRingingCommand;
import io.waihu.schema.calls.RecordDtmfCommand;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.RecordingInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Turns what the gateway reports about one call into commands on its Call aggregate, one at a
 * time and in the order reported: the gateway's threads never wait for the event store, and
 * the aggregate never sees an end before the answer that preceded it on the wire.
 */
final class CallReporter implements CallListener {

    private final String callId;
    private final ContextLogger log;
    private final CommandGateway commands;
    private final Path recordingsRoot;
    private CompletableFuture<Object> tail = CompletableFuture.completedFuture(null);

    CallReporter(String callId, CommandGateway commands, Path recordingsRoot) {
        this.callId = callId;
        this.log = ContextLogger.of(CallReporter.class, LogContext.call(callId));
        this.commands = commands;
        this.recordingsRoot = recordingsRoot;
    }

    @Override
    public void agentRinging(Instant at) {
        report(new RecordAgentRingingCommand(callId, at));
    }

    @Override
    public void agentAnswered(Instant at) {
        report(new RecordAgentAnsweredCommand(callId, at));
    }

    @Override
    public void customerRinging(Instant at, int sipCode) {
        report(new RecordCustomerRingingCommand(callId, at, sipCode));
    }

    @Override
    public void answered(Instant at) {
        report(new RecordCallAnsweredCommand(callId, at));
    }

    @Override
    public void dtmf(Leg leg, char digit, int durationMillis, Instant at) {
        report(new RecordDtmfCommand(callId, party(leg), String.valueOf(digit), durationMillis, at));
    }

    @Override
    public void ended(CallEnd end) {
        report(new RecordCallEndedCommand(callId, CallResult.valueOf(end.result().name()), end.sipCode(),
                end.reason(), end.by() == null ? CallParty.SYSTEM : party(end.by()), end.answeredAt(), end.endedAt()));
    }

    @Override
    public void recordingStored(RecordingInfo recording) {
        Path file = recording.file().toAbsolutePath();
        Path root = recordingsRoot.toAbsolutePath();
        String path = file.startsWith(root) ? root.relativize(file).toString() : file.toString();
        report(new RecordRecordingStoredCommand(callId, path, recording.sizeBytes(), recording.duration().toMillis(),
                recording.sha256()));
    }

    /** Waits until every report so far is recorded (for shutdown and tests). */
    CompletableFuture<Object> drained() {
        synchronized (this) {
            return tail;
        }
    }

    private void report(Object command) {
        synchronized (this) {
            tail = tail.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> commands.send(GenericCommandMessage.asCommandMessage(command)
                            .andMetaData(CommandMetadata.GATEWAY)))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            log.errorf(failure, "could not record %s", command.getClass().getSimpleName());
                        }
                    });
        }
    }

    private static CallParty party(Leg leg) {
        return leg == Leg.AGENT ? CallParty.AGENT : CallParty.CUSTOMER;
    }

    private static CallParty party(HangupBy by) {
        return CallParty.valueOf(by.name());
    }
}
