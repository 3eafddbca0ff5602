package io.waihu.backend.api.calls;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;
import static io.waihu.backend.api.support.ApiTypes.USER_ERRORS;

import io.waihu.backend.api.calls.CallEnums.CallOrigin;
import io.waihu.backend.api.calls.CallEnums.CallParty;
import io.waihu.backend.api.calls.CallEnums.CallResult;
import io.waihu.backend.api.calls.CallEnums.CallState;
import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.UserError;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of calls and recordings. */
public final class CallTypes {

    private CallTypes() {
    }

    @Type("Recording")
    @Description("A call's stereo WAV (agent left, customer right). The url is absolute, signed and expires; fetch "
            + "it with an <audio> element or any HTTP client (Range requests work).")
    public record Recording(
            @NonNull @Description("Absolute, signed URL of the WAV, valid for an hour and while the rights of the "
                    + "user it was issued to stay as they were.") String url,
            @NonNull @Description("Size of the file in bytes.") long sizeBytes,
            @NonNull @Description("Length of the audio.") double durationSeconds,
            @NonNull @Description("SHA-256 of the file, hex: also its ETag.") String sha256) {
    }

    @Type("Call")
    @Description("One call attempt: every step with its time, and how it ended.")
    public record Call(
            @NonNull @Id @Description("The call's id: also the id of its recording and its events.") String id,
            @NonNull @Description("Where the call is now.") CallState state,
            @Description("How it ended; null while it is live.") CallResult result,
            @Description("The number dialed, E.164; null once erased.") String number,
            @Id @Description("The customer called, if the number is a customer's.") String customerId,
            @NonNull @Id @Description("The agent whose phone took the call.") String agentId,
            @Id @Description("The trunk it went out on; null before one was chosen.") String trunkId,
            @NonNull @Description("How it was placed.") CallOrigin origin,
            @Id @Description("The dialer campaign it belongs to, if any.") String campaignId,
            @Description("The final SIP status from the carrier, when there was one.") Integer sipCode,
            @Description("The gateway's words for why it ended, for people (not a closed set).") String reason,
            @Description("Who hung up; null while it is live.") CallParty endedBy,
            @NonNull @Description("When it was stored.") Instant placedAt,
            @Description("When the agent's phone started ringing (click-to-dial).") Instant agentRingingAt,
            @Description("When the agent answered (click-to-dial).") Instant agentAnsweredAt,
            @Description("When the customer's phone started ringing.") Instant ringingAt,
            @Description("When the customer answered.") Instant answeredAt,
            @Description("When it ended.") Instant endedAt,
            @Description("From placement to end.") Double durationSeconds,
            @Description("From answer to end.") Double talkSeconds,
            @Description("Talk time rounded up to whole seconds, as carriers bill.") Integer billableSeconds,
            @NonNull @Description("DTMF digits received (the digits themselves are personal data, not shown).")
            int dtmfCount,
            @Description("The recording, once stored; null for calls not answered or erased.") Recording recording,
            @NonNull @Description("The call's version: the number of its events.") int version) implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }
    }

    @Type("CallEdge")
    @Description("A call and its cursor in a list.")
    public record CallEdge(@NonNull @Description("Where this call is in the list: pass as after or before.")
            String cursor,
            @NonNull @Description("The call at this cursor.") Call node) {
    }

    @Type("CallConnection")
    @Description("A page of call records, newest first.")
    public record CallConnection(@NonNull @Description(Connections.EDGES_DOC) List<@NonNull CallEdge> edges, @NonNull @Description(Connections.NODES_DOC) List<@NonNull Call> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<Call, CallEdge, CallConnection> SHAPE = CallConnection::new;
    }

    @Input("DialInput")
    @Description("Whom to call: a customer (their first number, or the given one of theirs) or a bare number.")
    public record DialInput(
            @Id @Description("The customer to call; one you may see.") String customerId,
            @Description("The number to call, in any written form: one of the customer's, or any without a "
                    + "customer.") String number,
            @Id @Description("The trunk to use; left out, the best enabled trunk for the number.") String trunkId,
            @Id @Description("The dialer campaign this call is for; its do-not-call list applies.") String campaignId) {
    }

    @Input("HangupInput")
    @Description("The call to end.")
    public record HangupInput(@NonNull @Id @Description("The call to end.") String callId) {
    }

    @Input("EraseNumberInput")
    @Description("A number whose calls to erase, and why (kept in the audit trail).")
    public record EraseNumberInput(
            @NonNull @Description("The number, in any written form.") String number,
            @NonNull @Description("Why it is erased: the request's reference, for the audit trail.") String reason) {
    }

    @Type("DialPayload")
    @Description("The result of dial: the call as placed. The call goes on after the answer: follow it with "
            + "callChanged or call(id).")
    public record DialPayload(@Description("The call placed; null when refused.") Call call,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("HangupPayload")
    @Description("The result of hangup.")
    public record HangupPayload(@Description("The call as its record was when the hang-up was asked for (the legs end "
            + "a moment later: callChanged tells when it is ENDED); null when refused.") Call call,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("EraseNumberPayload")
    @Description("The result of eraseNumber: how many calls lost the number for good, and which customers' calls "
            + "also went to it (erase those customers to erase their calls).")
    public record EraseNumberPayload(
            @Description("The number, normalised to E.164; null when refused.") String number,
            @Description("Calls that lost the number and their recording; null when refused.") Integer callsErased,
            @Id @Description("Customers whose calls went to the number: they are erased with the customer. Null when "
                    + "refused.") List<@NonNull String> customerIds,
            @Description("Campaign contacts with the number that are no customer's, erased too (a customer's "
                    + "contacts go with the customer); every kept list-import reject report is deleted as well. "
                    + "Null when refused.") Integer contactsErased,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("LegMedia")
    @Description("RTP counters of one leg as the gateway sees them.")
    public record LegMedia(@NonNull @Description("RTP packets received from the phone.") long packetsReceived,
            @NonNull @Description("RTP packets sent to the phone.") long packetsSent,
            @NonNull @Description("Packets lost on the way in, from sequence gaps.") long packetsLost) {
    }

    @Type("CallMedia")
    @Description("Live RTP counters of a call's two legs.")
    public record CallMedia(@NonNull @Id @Description("The call.") String callId,
            @NonNull @Description("The agent's leg.") LegMedia agent,
            @NonNull @Description("The customer's leg.") LegMedia customer) {
    }
}
