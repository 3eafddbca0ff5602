package io.waihu.backend.calls;

import io.waihu.backend.axon.StaleAggregates;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
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
 *
 * <p>Progress before the answer (agent ringing and answered, customer ringing) is kept here and
 * stored with the connection or the end, not as a command of its own: a call costs two to four
 * commands instead of eight. What a crash of this node loses is the progress of its live calls
 * not yet connected; their end, recorded by the restarted node, says the call was cut.
 */
final class CallReporter implements CallListener {

    private final String callId;
    private final ContextLogger log;
    private final CommandGateway commands;
    private final Path recordingsRoot;
    private CompletableFuture<Object> tail = CompletableFuture.completedFuture(null);
    /** Guarded by {@code this}: the gateway reports a call's steps on its own executor, one at a time. */
    private CallProgress progress = CallProgress.NONE;

    CallReporter(String callId, CommandGateway commands, Path recordingsRoot) {
        this.callId = callId;
        this.log = ContextLogger.of(CallReporter.class, LogContext.call(callId));
        this.commands = commands;
        this.recordingsRoot = recordingsRoot;
    }

    @Override
    public synchronized void agentRinging(Instant at) {
        progress = progress.merge(new CallProgress(at, null, null, 0, null));
    }

    @Override
    public synchronized void agentAnswered(Instant at) {
        progress = progress.merge(new CallProgress(null, at, null, 0, null));
    }

    @Override
    public synchronized void customerRinging(Instant at, int sipCode) {
        progress = progress.merge(new CallProgress(null, null, at, sipCode, null));
    }

    @Override
    public void answered(Instant at) {
        CallProgress connected;
        synchronized (this) {
            progress = progress.merge(new CallProgress(null, null, null, 0, at));
            connected = progress;
        }
        report(new RecordCallConnectedCommand(callId, connected));
    }

    @Override
    public void dtmf(Leg leg, char digit, int durationMillis, Instant at) {
        report(new RecordDtmfCommand(callId, party(leg), String.valueOf(digit), durationMillis, at));
    }

    @Override
    public void ended(CallEnd end) {
        CallProgress known;
        synchronized (this) {
            known = new CallProgress(null, null, null, 0, end.answeredAt()).merge(progress);
        }
        report(new RecordCallEndedCommand(callId, CallResult.valueOf(end.result().name()), end.sipCode(),
                end.reason(), end.by() == null ? CallParty.SYSTEM : party(end.by()), known, end.endedAt()));
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
                    .thenCompose(ignored -> send(command))
                    // the call's aggregate is cached: a hang-up requested on another node made this copy stale
                    .exceptionallyCompose(failure -> StaleAggregates.isStale(failure) ? send(command)
                            : CompletableFuture.failedFuture(failure))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            log.errorf(failure, "could not record %s", command.getClass().getSimpleName());
                        }
                    });
        }
    }

    private CompletableFuture<Object> send(Object command) {
        return commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(CommandMetadata.GATEWAY));
    }

    private static CallParty party(Leg leg) {
        return leg == Leg.AGENT ? CallParty.AGENT : CallParty.CUSTOMER;
    }

    private static CallParty party(HangupBy by) {
        return CallParty.valueOf(by.name());
    }
}
