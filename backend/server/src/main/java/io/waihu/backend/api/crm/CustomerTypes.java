package io.waihu.backend.api.crm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.EventEnums;
import io.waihu.backend.api.support.Node;
import io.waihu.projections.crm.CustomerView;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.CustomerOwnerAssignedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of customers as clients read them, mapped from the read model. */
public final class CustomerTypes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CustomerTypes() {
    }

    @Type("CustomField")
    @Input("CustomFieldInput")
    @Description("A field a team defines for itself (\"source\": \"expo\"); keys are unique per customer.")
    public record CustomField(@NonNull @Description("The field's name, as the team chose it: one line, up to 64 "
            + "characters.") String key,
            @NonNull @Description("Its value: free text, up to 2000 characters, may span lines.") String value) {
    }

    @Enum("CustomerStatus")
    @Description("Whether a customer is live.")
    public enum CustomerStatus {
        @Description("Live: listed, searchable, callable.")
        ACTIVE,
        @Description("Deleted: hidden from lists and search, history kept.")
        DELETED,
        @Description("Erased (right to erasure): nothing personal is left, the history keeps its shape.")
        ERASED
    }

    @Type("Customer")
    @Description("A person or company the call center contacts. Erased customers keep their id and history shape, "
            + "nothing personal.")
    public record Customer(@NonNull @Id String id,
            @Description("The person's or company's name as agents see it; null only once erased.")
            String name,
            @NonNull @Description("E.164 numbers, in the order given.") List<@NonNull String> phones,
            @Description("The e-mail address; null when not given or erased.") String email,
            @Description("The company the person works for; null when not given or erased.") String company,
            @NonNull @Description("Sorted, unique.") List<@NonNull String> tags,
            @NonNull @Id @Description("The user who owns the customer.") String ownerId,
            @NonNull @Description("The team's own fields, sorted by key; empty when erased.")
            List<@NonNull CustomField> customFields,
            @NonNull @Description("Live, deleted or erased.") CustomerStatus status,
            @NonNull @Description("The number of the last change (0 when created): send it as expectedVersion to "
                    + "refuse an edit if someone changed the customer since.") int version,
            @NonNull Instant createdAt, @NonNull Instant updatedAt) implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }

        public static Customer of(CustomerView v) {
            Map<String, String> fields;
            try {
                fields = JSON.readValue(v.customFields, new TypeReference<TreeMap<String, String>>() {
                });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("customer " + v.id + " has unreadable custom fields", e);
            }
            return new Customer(v.id, v.name, v.phoneList(), v.email, v.company, List.copyOf(v.tagSet()), v.ownerId,
                    fields.entrySet().stream().map(e -> new CustomField(e.getKey(), e.getValue())).toList(),
                    CustomerStatus.valueOf(v.status.name()), Math.toIntExact(v.version), v.createdAt, v.updatedAt);
        }
    }

    @Type("CustomerEdge")
    @Description("A customer in a list, with the cursor to continue from it.")
    public record CustomerEdge(@NonNull @Description(Connections.CURSOR_DOC) String cursor,
            @NonNull @Description("The customer at this cursor.") Customer node) {
    }

    @Type("CustomerConnection")
    @Description("A page of customers.")
    public record CustomerConnection(@NonNull @Description(Connections.EDGES_DOC) List<@NonNull CustomerEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull Customer> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<Customer, CustomerEdge, CustomerConnection> SHAPE = CustomerConnection::new;
    }

    @Enum("CustomerEvent")
    @Description("What happened to a customer: its stored event names (crm.CustomerCreated → CUSTOMER_CREATED).")
    public enum CustomerEvent {
        @Description("Created.")
        CUSTOMER_CREATED(CustomerCreatedEvent.class),
        @Description("Profile edited.")
        CUSTOMER_EDITED(CustomerEditedEvent.class),
        @Description("Given to another owner.")
        CUSTOMER_OWNER_ASSIGNED(CustomerOwnerAssignedEvent.class),
        @Description("Deleted.")
        CUSTOMER_DELETED(CustomerDeletedEvent.class),
        @Description("Personal data erased.")
        CUSTOMER_ERASED(CustomerErasedEvent.class);

        private static final Map<String, CustomerEvent> BY_TYPE = EventEnums.index(CustomerEvent.class, e -> e.event);
        private final Class<?> event;

        CustomerEvent(Class<?> event) {
            this.event = event;
        }

        static CustomerEvent of(String eventType) {
            return EventEnums.of(BY_TYPE, eventType);
        }
    }

    @Type("CustomerChange")
    @Description("A change to a customer you may see, as the read model applied it.")
    public record CustomerChange(@NonNull @Description("What happened.") CustomerEvent event,
            @NonNull @Id @Description("The changed customer's id (also when it is no longer yours to see).") String id,
            @NonNull @Description("The customer's version after the change.") int version,
            @Description("The customer as it is now; null when deleted, erased or no longer yours to see.")
            Customer customer) {
    }
}
