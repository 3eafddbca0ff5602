package io.waihu.backend.api.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.Access;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.schema.common.PhoneNumber;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/** The reads every customer operation shares: the customer as the caller may see it, and a mutation's answer. */
@RequestScoped
public class CustomerReads {

    /** A mutation's customer, and whether it came from the read model. */
    public record Answer(CustomerTypes.Customer customer, boolean inReadModel) {
    }

    private final CustomerViewProjection customers;
    private final RecordAccess access;
    private final ObjectMapper json;

    public CustomerReads(CustomerViewProjection customers, RecordAccess access, ObjectMapper json) {
        this.customers = customers;
        this.access = access;
        this.json = json;
    }

    /** A live customer the caller may {@code want}; NOT_FOUND or FORBIDDEN otherwise. */
    Uni<CustomerView> visible(String id, Access want) {
        return customers.byId(id).chain(view -> {
            if (view == null || view.status != CustomerView.Status.ACTIVE) {
                return Uni.createFrom().failure(new ApiError.NotFound("no customer " + id));
            }
            return access.require(RecordKind.CUSTOMER, want, view.ownerId).replaceWith(view);
        });
    }

    /** A customer in any state (its history outlives it) the caller may read. */
    Uni<CustomerView> visibleIncludingErased(String id) {
        return customers.byId(id).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no customer " + id))
                : access.require(RecordKind.CUSTOMER, Access.READ, view.ownerId).replaceWith(view));
    }

    Uni<CustomerView> existing(String id) {
        return customers.byId(id).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no customer " + id))
                : Uni.createFrom().item(view));
    }

    /**
     * The ids among {@code ids} of customers the caller may see. Duplicate detection looks at
     * everyone's customers, but another agent's customer ids are not the caller's to know.
     * One check after the other: a supervisor's check reads the owner, and reads of one request
     * share its reactive session.
     */
    Uni<List<String>> visibleOnly(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(ids);
        }
        return customers.byIds(ids).chain(views -> Multi.createFrom().iterable(views)
                .onItem().transformToUniAndConcatenate(view -> access.mayRead(RecordKind.CUSTOMER, view.ownerId)
                        .map(visible -> visible ? view.id : ""))
                .filter(id -> !id.isEmpty())
                .collect().asList());
    }

    /** Fails with DUPLICATE_PHONE when a live customer other than {@code exceptId} has one of the numbers. */
    Uni<Void> noDuplicates(List<PhoneNumber> numbers, String exceptId) {
        return customers.customersWithPhones(numbers.stream().map(PhoneNumber::e164).toList(), exceptId)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : visibleOnly(ids).chain(visible -> Uni.createFrom().failure(new ApiError.DuplicatePhone(
                                "duplicate: " + (visible.isEmpty() ? "a customer you cannot see"
                                        : "customer " + String.join(", ", visible)
                                                + (visible.size() < ids.size() ? " and customers you cannot see" : ""))
                                        + " already " + (ids.size() == 1 ? "has" : "have") + " this phone number; "
                                        + "pass allowDuplicate: true to keep both", "phones", visible))));
    }

    /**
     * The row the projection handed over after the command, else (another node, timeout) a fresh
     * read; when that read is older than the command (the read model lags, or parked the event),
     * the command's own events folded onto it, marked as not in the read model yet.
     */
    Uni<Answer> answer(Commands.Outcome outcome, String id) {
        if (outcome.row() instanceof CustomerView view) {
            return Uni.createFrom().item(new Answer(CustomerTypes.Customer.of(view), true));
        }
        return customers.byId(id).chain(view -> {
            List<DomainEventMessage<?>> missing = outcome.newerThan(view == null ? -1 : view.version);
            if (missing.isEmpty() || view == null && missing.get(0).getSequenceNumber() != 0) {
                return view == null ? Uni.createFrom().failure(new ApiError.NotFound("no customer " + id))
                        : Uni.createFrom().item(new Answer(CustomerTypes.Customer.of(view), true));
            }
            CustomerView folded = view == null ? new CustomerView() : view;
            missing.forEach(e -> CustomerViewProjection.apply(folded, e.getPayload(), e.getSequenceNumber(),
                    e.getTimestamp(), json));
            return Uni.createFrom().item(new Answer(CustomerTypes.Customer.of(folded), false));
        });
    }
}
