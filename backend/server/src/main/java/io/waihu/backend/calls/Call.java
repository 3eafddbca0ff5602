package io.waihu.backend.calls;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.schema.blacklist.BlacklistScope;
import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAgentRingingEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallDtmfReceivedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallHangupRequestedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.CallRingingEvent;
import io.waihu.schema.calls.EraseCallDataCommand;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.calls.RecordDtmfCommand;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import io.waihu.schema.calls.RequestHangupCommand;
import io.waihu.schema.common.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * One call attempt, from placement to its end and recording. The gateway reports what
 * happened on the wire; this aggregate keeps the record consistent: each step once, in order,
 * nothing after the end but the recording. Reports that arrive late or twice (a retried
 * command, a connection after the end) are ignored rather than refused, because the wire is
 * the truth and the gateway must not stall on them.
 *
 * <p>A call stores four events when it is answered (placed, connected, ended, recording) and
 * two when it is not: the progress before the answer (agent ringing and answered, customer
 * ringing) travels in {@link CallConnectedEvent} and again in {@link CallEndedEvent}, so each
 * fact is stored without an event — a command, a transaction, a read-model write — per SIP
 * response. Older stores hold one event per step; they are still read here.
 */
public class Call {

    private static final Pattern DIGIT = Pattern.compile("[0-9*#A-D]");

    @AggregateIdentifier
    private String callId;
    private String subject;
    private String customerId;
    private String agentId;
    private Instant placedAt;
    /** What the stored events say the call did before it ended (answer included). */
    private CallProgress progress = CallProgress.NONE;
    private boolean ended;
    private boolean recorded;
    private String recordingPath;
    private boolean dataErased;

    protected Call() {
        // for Axon's event sourcing
    }

    /** {@code node}: the placement's {@link CallPlacedEvent#NODE} metadata, kept on the event (see there). */
    @CommandHandler
    public Call(PlaceCallCommand command, @MetaDataValue(CallPlacedEvent.NODE) String node) {
        if (command.agentId() == null) {
            throw RuleViolation.invalid("agentId", "a call needs an agent");
        }
        if (command.number() == null) {
            throw RuleViolation.invalid("number", "a call needs a number");
        }
        if (command.origin() == null) {
            throw RuleViolation.invalid("origin", "say how the call was placed");
        }
        if (command.campaignId() != null && !BlacklistScope.NAME.matcher(command.campaignId()).matches()) {
            throw RuleViolation.invalid("campaignId", "a campaign id is 1-64 letters, digits, _ . : or -");
        }
        AggregateLifecycle.apply(new CallPlacedEvent(command.callId(),
                CallPlacedEvent.subjectOf(command.callId(), command.customerId()), command.agentId(),
                command.customerId(), command.number(), command.trunkId(), command.origin(), command.campaignId()),
                node == null ? MetaData.emptyInstance() : MetaData.with(CallPlacedEvent.NODE, node));
    }

    @CommandHandler
    public void handle(RecordCallConnectedCommand command) {
        if (ended || progress.answeredAt() != null) {
            return;
        }
        CallProgress reported = command.progress();
        if (reported == null || reported.answeredAt() == null) {
            throw RuleViolation.invalid("progress", "a connection needs the time of the answer");
        }
        CallProgress known = reported.merge(progress);
        AggregateLifecycle.apply(new CallConnectedEvent(callId, known.agentRingingAt(), known.agentAnsweredAt(),
                known.ringingAt(), known.ringingSipCode(), known.answeredAt()));
    }

    @CommandHandler
    public void handle(RecordDtmfCommand command) {
        if (command.digit() == null || !DIGIT.matcher(command.digit()).matches()) {
            throw RuleViolation.invalid("digit", "a DTMF digit is 0-9, *, # or A-D");
        }
        if (!ended) {
            AggregateLifecycle.apply(new CallDtmfReceivedEvent(callId, subject, command.party(), command.digit(),
                    command.durationMillis(), command.at()));
        }
    }

    @CommandHandler
    public void handle(RecordCallEndedCommand command) {
        if (ended) {
            return;
        }
        if (command.result() == null || command.endedAt() == null) {
            throw RuleViolation.invalid("result", "an end needs a result and a time");
        }
        CallProgress known = command.progress() == null ? progress : command.progress().merge(progress);
        Instant answered = keepsAnswer(command.result()) ? known.answeredAt() : null;
        Instant end = command.endedAt().isBefore(placedAt) ? placedAt : command.endedAt();
        long duration = Duration.between(placedAt, end).toMillis();
        long talk = answered == null ? 0 : Math.max(0, Duration.between(answered, end).toMillis());
        long billable = (talk + 999) / 1000;
        AggregateLifecycle.apply(new CallEndedEvent(callId, customerId, agentId, command.result(), command.sipCode(),
                command.reason(), command.endedBy(), placedAt, answered, end, duration, talk, billable,
                known.agentRingingAt(), known.agentAnsweredAt(), known.ringingAt(), known.ringingSipCode()));
    }

    /**
     * An answered call keeps its answer and talk time, and so does one that failed after the
     * answer (cut by a gateway that died), or was abandoned (the customer heard the abandon
     * message): the customer was reached and the carrier billed it.
     */
    private static boolean keepsAnswer(CallResult result) {
        return result == CallResult.ANSWERED || result == CallResult.FAILED || result == CallResult.ABANDONED;
    }

    @CommandHandler
    public void handle(RecordRecordingStoredCommand command) {
        if (recorded) {
            return;
        }
        if (command.path() == null || command.sha256() == null || command.sizeBytes() <= 0) {
            throw RuleViolation.invalid("recording", "a recording needs a path, a size and a hash");
        }
        AggregateLifecycle.apply(new CallRecordingStoredEvent(callId, customerId, command.path(), command.sizeBytes(),
                command.durationMillis(), command.sha256()));
    }

    @CommandHandler
    public void handle(RequestHangupCommand command) {
        if (ended) {
            throw RuleViolation.gone("the call has already ended");
        }
        AggregateLifecycle.apply(new CallHangupRequestedEvent(callId));
    }

    @CommandHandler
    public void handle(EraseCallDataCommand command, DataKeyStore keys) {
        if (customerId != null) {
            throw RuleViolation.invalid("callId", "the call belongs to customer " + customerId
                    + ": erase the customer, which erases their calls");
        }
        if (!ended) {
            throw RuleViolation.conflict("the call is still live: erase it once it has ended");
        }
        if (dataErased) {
            return;
        }
        Text.check("reason", command.reason(), 500, Text.Lines.MULTI);
        AggregateLifecycle.apply(new CallDataErasedEvent(callId, subject, recordingPath, command.reason()));
        String erased = subject;
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> keys.destroy(erased));
    }

    @EventSourcingHandler
    void on(CallPlacedEvent event, @Timestamp Instant timestamp) {
        callId = event.callId();
        subject = event.dataSubject();
        customerId = event.customerId();
        agentId = event.agentId();
        placedAt = timestamp;
    }

    @EventSourcingHandler
    void on(CallConnectedEvent event) {
        progress = new CallProgress(event.agentRingingAt(), event.agentAnsweredAt(), event.ringingAt(),
                event.ringingSipCode(), event.answeredAt());
    }

    // one event per step, as stores from before CallConnected hold them

    @EventSourcingHandler
    void on(CallAgentRingingEvent event) {
        progress = new CallProgress(event.at(), null, null, 0, null).merge(progress);
    }

    @EventSourcingHandler
    void on(CallAgentAnsweredEvent event) {
        progress = new CallProgress(null, event.at(), null, 0, null).merge(progress);
    }

    @EventSourcingHandler
    void on(CallRingingEvent event) {
        progress = new CallProgress(null, null, event.at(), event.sipCode(), null).merge(progress);
    }

    @EventSourcingHandler
    void on(CallAnsweredEvent event) {
        progress = new CallProgress(null, null, null, 0, event.at()).merge(progress);
    }

    @EventSourcingHandler
    void on(CallEndedEvent event) {
        ended = true;
    }

    @EventSourcingHandler
    void on(CallRecordingStoredEvent event) {
        recorded = true;
        recordingPath = event.path();
    }

    @EventSourcingHandler
    void on(CallDataErasedEvent event) {
        dataErased = true;
    }
}
