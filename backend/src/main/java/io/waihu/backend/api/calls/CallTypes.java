package io.waihu.backend.api.calls;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of calls and recordings. */
public final class CallTypes {

    private CallTypes() {
    }

    @Type("Recording")
    @Description("A call's stereo WAV (agent left, customer right). The url is signed and expires; fetch it with "
            + "an <audio> element or any HTTP client (Range requests work).")
    public record Recording(@NonNull String url, @NonNull long sizeBytes, @NonNull double durationSeconds,
            @NonNull String sha256) {
    }

    @Type("NumberErasure")
    @Description("What eraseNumber did: how many calls lost the number for good, and which customers' calls "
            + "also went to it (erase those customers to erase their calls).")
    public record NumberErasure(@NonNull String number, @NonNull int callsErased, @NonNull List<String> customerIds) {
    }

    @Type("Call")
    @Description("One call attempt: every step with its time, and how it ended.")
    public record Call(@NonNull String id, @NonNull String state, String result, String number, String customerId,
            @NonNull String agentId, String trunkId, @NonNull String origin, String campaignId, Integer sipCode,
            String reason, String endedBy, @NonNull Instant placedAt, Instant agentRingingAt,
            Instant agentAnsweredAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
            @Description("From placement to end.") Double durationSeconds,
            @Description("From answer to end.") Double talkSeconds,
            @Description("Talk time rounded up to whole seconds, as carriers bill.") Integer billableSeconds,
            @NonNull int dtmfCount, Recording recording, @NonNull int version,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
    }

    @Type("CallEdge")
    public record CallEdge(@NonNull String cursor, @NonNull Call node) {
    }

    @Type("CallConnection")
    public record CallConnection(@NonNull List<CallEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Input("DialInput")
    @Description("Whom to call: a customer (their first number, or the given one of theirs) or a bare number.")
    public record DialInput(@Id String customerId, String number, @Id String trunkId, String campaignId) {
    }

    @Type("LegMedia")
    @Description("RTP counters of one leg as the gateway sees them.")
    public record LegMedia(@NonNull long packetsReceived, @NonNull long packetsSent, @NonNull long packetsLost) {
    }

    @Type("CallMedia")
    public record CallMedia(@NonNull String callId, @NonNull LegMedia agent, @NonNull LegMedia customer) {
    }
}
