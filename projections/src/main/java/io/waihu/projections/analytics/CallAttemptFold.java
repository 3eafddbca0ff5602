package io.waihu.projections.analytics;

import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallBridgedEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallRingingEvent;
import java.time.Instant;

/**
 * How the call events make a {@code call_attempts} row — the one place that knows the call
 * events' shapes, so a change of those events changes this class only. Every step assigns
 * (none adds), so folding an event twice gives the same row.
 *
 * <p>Both shapes of the call events are read: the one-event-per-step stores of before 2026-12
 * ({@code CallRinging}, {@code CallAnswered}, {@code CallBridged}) and the current
 * {@code CallConnected} and revision-2 {@code CallEnded}, which carry the progress themselves.
 *
 * <p>Definitions the reports rely on: <b>ring time</b> runs from the customer's ringing to
 * the answer, or to the end when unanswered; <b>abandoned</b> is a call the customer answered
 * that never reached an agent (answered, never bridged), the regulators' "live-answered, not
 * connected" (answered, no {@code CallConnected}/{@code CallBridged}) — decided when the call ends; <b>direction</b> is {@code OUTBOUND} for every
 * placed call (the platform places calls; inbound calls will come with events of their own).
 */
final class CallAttemptFold {

    private CallAttemptFold() {
    }

    /** The row a placement starts; {@code at} is the event's time. */
    static CallAttempt placed(CallPlacedEvent event, Instant at) {
        CallAttempt row = new CallAttempt();
        row.callId = event.callId();
        row.placedAt = at;
        row.campaignId = text(event.campaignId());
        row.agentId = text(event.agentId());
        row.customerId = text(event.customerId());
        row.trunkId = text(event.trunkId());
        row.origin = event.origin() == null ? "" : event.origin().name();
        row.direction = "OUTBOUND";
        // an erased subject's number reads as absent on replay: the row then never has it
        row.number = event.number() == null ? "" : event.number().e164();
        return row;
    }

    /** Applies a later event of the call; false when the event does not concern this table. */
    static boolean apply(CallAttempt row, Object event) {
        if (event instanceof CallAgentAnsweredEvent e) {
            row.agentAnsweredAt = e.at();
        } else if (event instanceof CallRingingEvent e) {
            if (row.ringingAt == null) {
                row.ringingAt = e.at();
            }
        } else if (event instanceof CallAnsweredEvent e) {
            row.answeredAt = e.at();
            row.ringMillis = CallAttempt.millisBetween(row.ringingAt, row.answeredAt);
        } else if (event instanceof CallBridgedEvent e) {
            row.bridgedAt = e.at();
        } else if (event instanceof CallConnectedEvent e) {
            // answered and bridged in one step; it carries the progress before it
            progress(row, e.agentAnsweredAt(), e.ringingAt());
            row.answeredAt = e.answeredAt();
            row.bridgedAt = e.answeredAt();
            row.ringMillis = CallAttempt.millisBetween(row.ringingAt, row.answeredAt);
        } else if (event instanceof CallEndedEvent e) {
            ended(row, e);
        } else if (event instanceof CallRecordingStoredEvent) {
            row.recorded = true;
        } else if (event instanceof CallDataErasedEvent) {
            row.number = "";
        } else {
            return false;
        }
        return true;
    }

    /** Steps a later event reports (null: not reached, or told by an earlier event of an older store). */
    private static void progress(CallAttempt row, java.time.Instant agentAnsweredAt, java.time.Instant ringingAt) {
        if (agentAnsweredAt != null) {
            row.agentAnsweredAt = agentAnsweredAt;
        }
        if (ringingAt != null && row.ringingAt == null) {
            row.ringingAt = ringingAt;
        }
    }

    private static void ended(CallAttempt row, CallEndedEvent e) {
        progress(row, e.agentAnsweredAt(), e.ringingAt());
        row.result = e.result().name();
        row.sipCode = e.sipCode();
        row.hangupReason = text(e.reason());
        row.endedBy = e.endedBy() == null ? "" : e.endedBy().name();
        if (e.answeredAt() != null) {
            row.answeredAt = e.answeredAt();
        }
        row.endedAt = e.endedAt();
        row.ringMillis = CallAttempt.millisBetween(row.ringingAt, row.answeredAt != null ? row.answeredAt : row.endedAt);
        row.talkMillis = e.talkMillis();
        row.durationMillis = e.durationMillis();
        row.billableSeconds = e.billableSeconds();
        row.abandoned = row.answeredAt != null && row.bridgedAt == null;
    }

    /** The customer was erased: the row keeps its ids and numbers, loses the callee's number. */
    static void customerErased(CallAttempt row) {
        row.number = "";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
