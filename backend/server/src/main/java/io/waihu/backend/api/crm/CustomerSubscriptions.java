package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.waihu.backend.api.crm.CustomerTypes.Customer;
import io.waihu.backend.api.crm.CustomerTypes.CustomerChange;
import io.waihu.backend.api.crm.CustomerTypes.CustomerEvent;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.backend.api.support.Subscriptions;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.support.ChangeFeed;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** Live changes to customers, each with the customer as the caller may see it. */
@GraphQLApi
@Guarded
public class CustomerSubscriptions {

    private final CustomerViewProjection customers;
    private final RecordAccess access;
    private final ChangeFeed feed;

    public CustomerSubscriptions(CustomerViewProjection customers, RecordAccess access, ChangeFeed feed) {
        this.customers = customers;
        this.access = access;
        this.feed = feed;
    }

    @Subscription
    @Description("Changes to customers you can see, as they are applied, with the customer as it is now. Narrowed to "
            + "some customers (ids) or one owner's (ownerId) when given.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Multi<CustomerChange> customerChanged(@Nullable List<@NonNull String> ids, @Id String ownerId) {
        Set<String> only = ids == null ? null : Set.copyOf(ids);
        return Subscriptions.follow(feed.changes(), new Subscriptions.Follow<CustomerView, CustomerChange>(
                CustomerViewProjection.MODEL,
                change -> only == null || only.contains(change.id()),
                customers::byId,
                view -> ownerId == null || ownerId.equals(view.ownerId),
                view -> access.mayRead(RecordKind.CUSTOMER, view.ownerId),
                (change, view) -> new CustomerChange(CustomerEvent.of(change.eventType()), change.id(),
                        Math.toIntExact(change.version()),
                        view == null || view.status != CustomerView.Status.ACTIVE ? null : Customer.of(view))));
    }
}
