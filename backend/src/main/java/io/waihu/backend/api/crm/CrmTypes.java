package io.waihu.backend.api.crm;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.projections.crm.CustomerHistoryEntry;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.support.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of customers and opportunities: what clients see, mapped from read models. */
public final class CrmTypes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrmTypes() {
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

        public static Customer of(CustomerView v) {
            return of(v, true);
        }

        /** As the command's events made it, before the read model has it. */
        public static Customer pending(CustomerView v) {
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
        public static CustomerConnection of(Page<CustomerView> page) {
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
        public static HistoryEntry of(CustomerHistoryEntry h) {
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
        public static Opportunity of(OpportunityView v) {
            return of(v, true);
        }

        /** As the command's events made it, before the read model has it. */
        public static Opportunity pending(OpportunityView v) {
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
}
