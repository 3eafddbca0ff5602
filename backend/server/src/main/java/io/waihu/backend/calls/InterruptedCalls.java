package io.waihu.backend.calls;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.projections.calls.CallRecord;
import io.waihu.projections.calls.CallRecordProjection;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import io.waihu.telephony.CallControl;
import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.RecordingInfo;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Ends the calls a crash of this node interrupted. A node killed mid-call (SIGKILL, the OOM
 * killer, power) never reports their end: their records would stay live forever and their
 * recordings — on disk up to the last flush — unlinked. At start, once the call records have
 * caught up with the event store, the calls this node ({@link NodeId}) placed before this
 * process started and that have not ended are ended as {@link CallResult#FAILED} with the
 * reason {@value #REASON}, each recording first repaired and linked.
 *
 * <p>Driven by a query, not by event handlers, so that a replay never re-runs it; and safe to
 * run again: an ended call is no longer found, a linked recording or an end reported twice is
 * ignored by the Call aggregate. Calls of other nodes are left alone — this node cannot know
 * which of them are live.
 */
@Singleton
public class InterruptedCalls {

    /** Why such a call ended, as its record says. */
    public static final String REASON = "gateway restarted";

    private static final Logger LOG = Logger.getLogger(InterruptedCalls.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration WARN_AFTER = Duration.ofMinutes(1);
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(30);

    /** One call ended here, and the recording linked to it (null when none was found). */
    public record Ended(String callId, RecordingInfo recording) {
    }

    private final CallRecordProjection records;
    private final CommandGateway commands;
    private final CallControl gateway;
    private final NodeId node;
    private final ProcessorCatchUp catchUp;
    private final Path recordings;
    private Thread worker;

    public InterruptedCalls(CallRecordProjection records, CommandGateway commands, CallControl gateway, NodeId node,
            ProcessorCatchUp catchUp, @ConfigProperty(name = "waihu.recordings.dir") Path recordings) {
        this.records = records;
        this.commands = commands;
        this.gateway = gateway;
        this.node = node;
        this.catchUp = catchUp;
        this.recordings = recordings;
    }

    /**
     * Off the start path: the call records may take seconds to catch up (a killed node's
     * segment claims expire first), and new calls need not wait — they were placed after
     * this process started, so they are never taken for interrupted ones.
     */
    void start(@Observes StartupEvent start) {
        Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        worker = new Thread(() -> run(startedAt), "waihu-interrupted-calls");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void run(Instant startedAt) {
        try {
            List<Ended> ended = endInterrupted(node.value(), startedAt);
            if (!ended.isEmpty()) {
                LOG.infof("ended %d call(s) this node was carrying when it stopped", ended.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "could not end the calls this node was carrying when it stopped; the next start retries");
        }
    }

    /** Waits until the call records hold every event stored before now, on whichever node they are projected. */
    private void awaitCallRecords() throws InterruptedException, SQLException {
        long head = catchUp.head();
        long since = System.nanoTime();
        boolean warned = false;
        while (!catchUp.reached(CallRecordProjection.GROUP, head)) {
            if (!warned && System.nanoTime() - since > WARN_AFTER.toNanos()) {
                LOG.warnf("the call records have not reached event %d after %s: calls interrupted by the last stop "
                        + "are ended once they do", head, WARN_AFTER);
                warned = true;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Ends the calls {@code nodeId} placed before {@code placedBefore} that have not ended, with
     * their recordings linked, once the call records hold every event stored so far. Blocks;
     * answers what it ended.
     */
    public List<Ended> endInterrupted(String nodeId, Instant placedBefore) throws InterruptedException, SQLException {
        awaitCallRecords();
        List<Ended> ended = new ArrayList<>();
        for (CallRecord call : records.openCallsOf(nodeId, placedBefore).await().atMost(COMMAND_WAIT)) {
            try {
                ended.add(end(call));
            } catch (RuntimeException e) {
                ContextLogger.of(InterruptedCalls.class, LogContext.call(call.callId)).errorf(e,
                        "was live on this node when it stopped and could not be ended; the next start retries");
            }
        }
        return ended;
    }

    /**
     * The recording goes first: a crash between the two leaves the call open, so the next start
     * finds it again. The end is the last sign of life: the last event, or the end of the audio
     * on disk (recording starts with the answer), whichever is later.
     */
    private Ended end(CallRecord call) {
        RecordingInfo recording = recordingOf(call).flatMap(file -> repair(call.callId, file)).orElse(null);
        Instant lastSign = call.updatedAt;
        if (recording != null) {
            Path root = recordings.toAbsolutePath();
            send(new RecordRecordingStoredCommand(call.callId, root.relativize(recording.file().toAbsolutePath())
                    .toString(), recording.sizeBytes(), recording.duration().toMillis(), recording.sha256()));
            if (call.answeredAt != null && call.answeredAt.plus(recording.duration()).isAfter(lastSign)) {
                lastSign = call.answeredAt.plus(recording.duration());
            }
        }
        send(new RecordCallEndedCommand(call.callId, CallResult.FAILED, 0, REASON, CallParty.SYSTEM, null, lastSign));
        ContextLogger.of(InterruptedCalls.class, LogContext.call(call.callId)).infof(
                "was live on this node when it stopped: ended as %s (%s)%s", CallResult.FAILED,
                REASON, recording == null ? "" : ", recording of " + recording.duration().toMillis() / 1000.0
                        + " s linked");
        return new Ended(call.callId, recording);
    }

    /** Where the gateway wrote the call's recording: the folder of the day it was placed, or the next. */
    private Optional<Path> recordingOf(CallRecord call) {
        LocalDate day = call.placedAt.atZone(ZoneOffset.UTC).toLocalDate();
        return Stream.of(day, day.plusDays(1))
                .map(d -> recordings.resolve(d.toString().replace('-', '/')).resolve(call.callId + ".wav"))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    private Optional<RecordingInfo> repair(String callId, Path file) {
        try {
            return gateway.recoverRecording(file);
        } catch (IOException e) {
            ContextLogger.of(InterruptedCalls.class, LogContext.call(callId))
                    .errorf(e, "its recording %s could not be repaired and stays unlinked", file);
            return Optional.empty();
        }
    }

    private void send(Object command) {
        try {
            commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(CommandMetadata.GATEWAY))
                    .get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording " + command.getClass().getSimpleName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not record " + command.getClass().getSimpleName(), e);
        }
    }
}
