package io.waihu.backend.calls;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.schema.blacklist.BlacklistScope;
import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAgentRingingEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallBridgedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallDtmfReceivedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallHangupRequestedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.CallRingingEvent;
import io.waihu.schema.calls.EraseCallDataCommand;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordAgentAnsweredCommand;
import io.waihu.schema.calls.RecordAgentRingingCommand;
import io.waihu.schema.calls.RecordCallAnsweredCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.calls.RecordCustomerRingingCommand;
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
 * command, a 180 after the 200) are ignored rather than refused, because the wire is the
 * truth and the gateway must not stall on them.
 */
public class Call {

    private static final Pattern DIGIT = Pattern.compile("[0-9*#A-D]");

    @AggregateIdentifier
    private String callId;
    private String subject;
    private String customerId;
    private String agentId;
    private Instant placedAt;
    private boolean agentRinging;
    private boolean agentAnswered;
    private boolean customerRinging;
    private Instant answeredAt;
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
    public void handle(RecordAgentRingingCommand command) {
        if (!ended && !agentRinging && !agentAnswered) {
            AggregateLifecycle.apply(new CallAgentRingingEvent(callId, command.at()));
        }
    }

    @CommandHandler
    public void handle(RecordAgentAnsweredCommand command) {
        if (!ended && !agentAnswered) {
            AggregateLifecycle.apply(new CallAgentAnsweredEvent(callId, command.at()));
        }
    }

    @CommandHandler
    public void handle(RecordCustomerRingingCommand command) {
        if (!ended && !customerRinging && answeredAt == null) {
            AggregateLifecycle.apply(new CallRingingEvent(callId, command.at(), command.sipCode()));
        }
    }

    @CommandHandler
    public void handle(RecordCallAnsweredCommand command) {
        if (!ended && answeredAt == null) {
            AggregateLifecycle.apply(new CallAnsweredEvent(callId, command.at()));
            AggregateLifecycle.apply(new CallBridgedEvent(callId, command.at()));
        }
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
        Instant answered = keepsAnswer(command.result())
                ? (command.answeredAt() != null ? command.answeredAt() : answeredAt) : null;
        Instant end = command.endedAt().isBefore(placedAt) ? placedAt : command.endedAt();
        long duration = Duration.between(placedAt, end).toMillis();
        long talk = answered == null ? 0 : Math.max(0, Duration.between(answered, end).toMillis());
        long billable = (talk + 999) / 1000;
        AggregateLifecycle.apply(new CallEndedEvent(callId, customerId, agentId, command.result(), command.sipCode(),
                command.reason(), command.endedBy(), placedAt, answered, end, duration, talk, billable));
    }

    /**
     * An answered call keeps its answer and talk time, and so does one that failed after the
     * answer (cut by a gateway that died): the customer was reached and the carrier billed it.
     */
    private static boolean keepsAnswer(CallResult result) {
        return result == CallResult.ANSWERED || result == CallResult.FAILED;
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
    void on(CallAgentRingingEvent event) {
        agentRinging = true;
    }

    @EventSourcingHandler
    void on(CallAgentAnsweredEvent event) {
        agentAnswered = true;
    }

    @EventSourcingHandler
    void on(CallRingingEvent event) {
        customerRinging = true;
    }

    @EventSourcingHandler
    void on(CallAnsweredEvent event) {
        answeredAt = event.at();
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
