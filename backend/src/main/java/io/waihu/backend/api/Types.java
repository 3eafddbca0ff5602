package io.waihu.backend.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.projections.crm.CustomerHistoryEntry;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.support.Page;
import io.waihu.projections.users.UserView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types: what clients see, mapped from read models. */
public final class Types {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every type a mutation answers with from a read model says whether the answer came from it. */
    static final String IN_READ_MODEL = "False when this answer was built from the command's own result because the "
            + "read model has not applied it yet (it lags, or parked the event): the change is stored; read it again "
            + "later. Always true on queries.";

    private Types() {
    }

    @Type("PageInfo")
    public record PageInfo(@NonNull boolean hasNextPage, String endCursor) {
    }

    @Type("CustomField")
    @Input("CustomFieldInput")
    public record CustomField(@NonNull String key, @NonNull String value) {
    }

    @Type("Customer")
    @Description("A customer. Erased customers keep their id and history shape, nothing personal.")
    public record Customer(@NonNull String id, String name, @NonNull List<String> phones, String email,
            String company, @NonNull List<String> tags, @NonNull String ownerId, @NonNull List<CustomField> customFields,
            @NonNull String status, @NonNull int version, @NonNull Instant createdAt, @NonNull Instant updatedAt,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {

        static Customer of(CustomerView v) {
            return of(v, true);
        }

        /** As the command's events made it, before the read model has it. */
        static Customer pending(CustomerView v) {
            return of(v, false);
        }

        private static Customer of(CustomerView v, boolean inReadModel) {
            Map<String, String> fields;
            try {
                fields = JSON.readValue(v.customFields, new TypeReference<java.util.TreeMap<String, String>>() {
                });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("customer " + v.id + " has unreadable custom fields", e);
            }
            return new Customer(v.id, v.name, v.phoneList(), v.email, v.company, List.copyOf(v.tagSet()), v.ownerId,
                    fields.entrySet().stream().map(e -> new CustomField(e.getKey(), e.getValue())).toList(),
                    v.status.name(), Math.toIntExact(v.version), v.createdAt, v.updatedAt, inReadModel);
        }
    }

    @Type("CustomerEdge")
    public record CustomerEdge(@NonNull String cursor, @NonNull Customer node) {
    }

    @Type("CustomerConnection")
    public record CustomerConnection(@NonNull List<CustomerEdge> edges, @NonNull PageInfo pageInfo) {
        static CustomerConnection of(Page<CustomerView> page) {
            List<CustomerEdge> edges = new java.util.ArrayList<>();
            for (int i = 0; i < page.items().size(); i++) {
                edges.add(new CustomerEdge(page.cursors().get(i), Customer.of(page.items().get(i))));
            }
            return new CustomerConnection(edges, new PageInfo(page.hasNextPage(), page.endCursor()));
        }
    }

    @Input("CustomerInput")
    @Description("A customer profile. On edit, a missing field is left unchanged; an empty email or company clears it.")
    public record CustomerInput(String name, List<String> phones, String email, String company, List<String> tags,
            List<CustomField> customFields) {
    }

    @Type("HistoryEntry")
    @Description("One event in a customer's contact history, newest first.")
    public record HistoryEntry(@NonNull String eventId, @NonNull String type, @NonNull Instant occurredAt,
            String actorId, @NonNull String aggregateId, @NonNull int sequenceNumber,
            @NonNull @Description("The event's content as JSON") String data) {
        static HistoryEntry of(CustomerHistoryEntry h) {
            return new HistoryEntry(h.eventId, h.eventType, h.occurredAt, h.actorId, h.aggregateId, Math.toIntExact(h.sequenceNumber),
                    h.summary);
        }
    }

    @Type("HistoryConnection")
    public record HistoryConnection(@NonNull List<HistoryEntry> entries, @NonNull PageInfo pageInfo) {
    }

    @Type("Opportunity")
    public record Opportunity(@NonNull String id, @NonNull String customerId, String title,
            @NonNull BigDecimal amount, @NonNull String currency, @NonNull String ownerId,
            LocalDate expectedCloseDate, @NonNull String stage, @NonNull int probability, @NonNull String status,
            @NonNull int version, @NonNull Instant createdAt, @NonNull Instant updatedAt,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
        static Opportunity of(OpportunityView v) {
            return of(v, true);
        }

        /** As the command's events made it, before the read model has it. */
        static Opportunity pending(OpportunityView v) {
            return of(v, false);
        }

        private static Opportunity of(OpportunityView v, boolean inReadModel) {
            return new Opportunity(v.id, v.customerId, v.title, v.amount, v.currency, v.ownerId, v.expectedCloseDate,
                    v.stage, v.probability, v.status.name(), Math.toIntExact(v.version), v.createdAt, v.updatedAt,
                    inReadModel);
        }
    }

    @Type("OpportunityConnection")
    public record OpportunityConnection(@NonNull List<Opportunity> nodes, @NonNull PageInfo pageInfo) {
    }

    @Input("OpportunityInput")
    public record OpportunityInput(String customerId, String title, BigDecimal amount, String currency,
            LocalDate expectedCloseDate, String ownerId, String stage) {
    }

    @Type("Stage")
    public record Stage(@NonNull String name, @NonNull int probability, @NonNull boolean open) {
    }

    @Type("StageTotal")
    public record StageTotal(@NonNull String stage, @NonNull String currency, @NonNull int count,
            @NonNull BigDecimal amount) {
    }

    @Type("ForecastMonth")
    public record ForecastMonth(@NonNull String month, @NonNull String currency, @NonNull BigDecimal weighted,
            @NonNull BigDecimal pipeline, @NonNull BigDecimal won, @NonNull int openCount) {
    }

    @Type("User")
    public record User(@NonNull String id, @NonNull String username, @NonNull String displayName,
            @NonNull List<String> roles, String team, @NonNull boolean enabled, @NonNull int version,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
        static User of(UserView v) {
            return of(v, true);
        }

        static User of(UserView v, boolean inReadModel) {
            return new User(v.id, v.username, v.displayName, List.copyOf(v.roleSet()), v.team, v.enabled,
                    Math.toIntExact(v.version), inReadModel);
        }
    }

    @Type("LoginResult")
    public record LoginResult(@NonNull String token, @NonNull Instant expiresAt, @NonNull User user) {
    }

    @Type("BlacklistEntry")
    public record BlacklistEntry(@NonNull String id, @NonNull String pattern, @NonNull String match,
            @NonNull String scope, String reason, Instant expiresAt,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
    }

    @Type("BlacklistCheck")
    public record BlacklistCheck(@NonNull String number, @NonNull boolean blacklisted, BlacklistEntry entry) {
    }

    @Type("StoredEvent")
    @Description("One event from the event store, for audit: who did what when.")
    public record StoredEvent(@NonNull String eventId, @NonNull String aggregateId, @NonNull int sequenceNumber,
            @NonNull String type, @NonNull Instant timestamp, String actorId, String actorName,
            String correlationId, @NonNull String data) {
    }

    @Type("Change")
    public record Change(@NonNull String model, @NonNull String id, @NonNull int version, @NonNull String event) {
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

    @Type("Trunk")
    @Description("A carrier trunk. Its password is never returned: hasPassword says whether one is set.")
    public record Trunk(@NonNull String id, @NonNull String name, @NonNull String host, @NonNull int port,
            @NonNull String transport, String username, @NonNull boolean hasPassword, String callerId,
            @NonNull String dialPrefix, @NonNull int maxChannels, @NonNull boolean enabled,
            @NonNull @Description("NONE (RTP/AVP) or SDES_SRTP (RTP/SAVP, SDES keys): what the gateway offers the carrier")
            String mediaEncryption,
            @NonNull @Description("E.164 prefixes this trunk carries (empty: every number)") List<String> prefixes,
            @NonNull @Description("Rank among trunks whose prefix matches a number equally well: lower first")
            int priority,
            @NonNull int version,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
    }

    @Input("TrunkInput")
    @Description("A trunk's settings. Leave password out to keep the stored one; send an empty string to remove it. "
            + "Leave mediaEncryption out to keep the current one (NONE for a new trunk). Calls without a chosen "
            + "trunk go to the enabled trunk whose prefixes (E.164, e.g. +86, +86400) match the number longest, "
            + "then the lowest priority (0-1000), then the name, passing over trunks whose channels are all in use; "
            + "leave prefixes or priority out to keep them (every number, priority 0 for a new trunk).")
    public record TrunkInput(@NonNull String name, @NonNull String host, Integer port, String transport,
            String username, String password, String callerId, String dialPrefix, Integer maxChannels,
            Boolean enabled, String mediaEncryption, List<String> prefixes, Integer priority) {
    }

    @Type("SipCredentials")
    @Description("What a phone registers with. wsUri is set when the gateway's WebSocket address is configured; "
            + "otherwise a browser uses ws://<this page's host>:wsPort.")
    public record SipCredentials(@NonNull String username, @NonNull String password, @NonNull String realm,
            String wsUri, Integer wsPort, Integer udpPort) {
    }

    static <V, T> List<T> map(List<V> values, Function<V, T> mapper) {
        return values.stream().map(mapper).toList();
    }
}
