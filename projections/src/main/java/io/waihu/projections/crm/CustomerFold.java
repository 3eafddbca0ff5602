package io.waihu.projections.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.projections.support.Storable;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.CustomerOwnerAssignedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A customer event applied to a {@link CustomerView}: the fold shared by the projection and
 * the audit's "as of" reconstruction. Pure: no I/O. Values are held to the column widths of
 * {@code customer_view} and {@code customer_tag} (V1, V9) by {@link Storable}, so an old event
 * written under looser rules still fits.
 */
final class CustomerFold {

    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 320;
    private static final int MAX_TAG = 64;
    private static final int MAX_CUSTOM_VALUE = 2_000;

    private CustomerFold() {
    }

    static void apply(CustomerView view, Object event, long sequence, Instant at, ObjectMapper json) {
        if (event instanceof CustomerCreatedEvent e) {
            created(view, e, at, json);
        } else if (event instanceof CustomerEditedEvent e) {
            edited(view, e, json);
        } else if (event instanceof CustomerOwnerAssignedEvent e) {
            view.ownerId = e.ownerId();
        } else if (event instanceof CustomerDeletedEvent) {
            view.status = CustomerView.Status.DELETED;
        } else if (event instanceof CustomerErasedEvent) {
            erased(view);
        }
        view.version = sequence;
        view.updatedAt = at;
    }

    private static void created(CustomerView view, CustomerCreatedEvent e, Instant at, ObjectMapper json) {
        view.id = e.customerId();
        view.createdAt = at;
        view.status = CustomerView.Status.ACTIVE;
        view.ownerId = e.ownerId();
        setName(view, e.name());
        view.phones = CustomerView.join(e.phones() == null ? List.of()
                : e.phones().stream().map(PhoneNumber::e164).toList());
        view.email = Storable.line("customer_view.email", e.email(), MAX_TEXT);
        view.company = Storable.line("customer_view.company", e.company(), MAX_TEXT);
        view.tags = CustomerView.join(tags(e.tags() == null ? Set.of() : e.tags()));
        view.customFields = toJson(json, customFields(e.customFields() == null ? Map.of() : e.customFields()));
    }

    /** An edit names only what changed; an empty email or company clears it. */
    private static void edited(CustomerView view, CustomerEditedEvent e, ObjectMapper json) {
        if (e.name() != null) {
            setName(view, e.name());
        }
        if (e.phones() != null) {
            view.phones = CustomerView.join(e.phones().stream().map(PhoneNumber::e164).toList());
        }
        if (e.email() != null) {
            view.email = e.email().isEmpty() ? null : Storable.line("customer_view.email", e.email(), MAX_TEXT);
        }
        if (e.company() != null) {
            view.company = e.company().isEmpty() ? null
                    : Storable.line("customer_view.company", e.company(), MAX_TEXT);
        }
        if (e.tags() != null) {
            view.tags = CustomerView.join(tags(e.tags()));
        }
        if (e.customFields() != null) {
            view.customFields = toJson(json, customFields(e.customFields()));
        }
    }

    /** Every personal field goes; owner and tags stay as they were. */
    private static void erased(CustomerView view) {
        view.status = CustomerView.Status.ERASED;
        view.name = null;
        view.nameLower = null;
        view.email = null;
        view.company = null;
        view.phones = "";
        view.customFields = "{}";
    }

    private static void setName(CustomerView view, String name) {
        view.name = Storable.line("customer_view.name", name, MAX_NAME);
        view.nameLower = view.name == null ? null
                : Storable.line("customer_view.name_lower", view.name.toLowerCase(Locale.ROOT), MAX_NAME);
    }

    private static SortedSet<String> tags(Set<String> tags) {
        SortedSet<String> stored = new TreeSet<>();
        for (String tag : tags) {
            stored.add(Storable.line("customer_tag.tag", tag, MAX_TAG));
        }
        return stored;
    }

    private static Map<String, String> customFields(Map<String, String> fields) {
        Map<String, String> stored = new TreeMap<>();
        fields.forEach((key, value) -> stored.put(Storable.line("customer_view.custom_fields", key, MAX_TAG),
                Storable.lines("customer_view.custom_fields", value, MAX_CUSTOM_VALUE)));
        return stored;
    }

    static String toJson(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
