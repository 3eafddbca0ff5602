package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.waihu.backend.api.crm.CrmTypes.Opportunity;
import io.waihu.backend.api.crm.CrmTypes.OpportunityChange;
import io.waihu.backend.api.crm.CrmTypes.OpportunityEvent;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.backend.api.support.Subscriptions;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.crm.OpportunityViewProjection;
import io.waihu.projections.support.ChangeFeed;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** Live changes to opportunities, each with the opportunity as the caller may see it. */
@GraphQLApi
@Guarded
public class OpportunitySubscriptions {

    private final OpportunityViewProjection opportunities;
    private final RecordAccess access;
    private final ChangeFeed feed;

    public OpportunitySubscriptions(OpportunityViewProjection opportunities, RecordAccess access, ChangeFeed feed) {
        this.opportunities = opportunities;
        this.access = access;
        this.feed = feed;
    }

    @Subscription
    @Description("Changes to opportunities you can see, as they are applied, with the opportunity as it is now. "
            + "Narrowed to some opportunities (ids), one customer's or one owner's when given.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Multi<OpportunityChange> opportunityChanged(@Nullable List<@NonNull String> ids,
            @Id String customerId, @Id String ownerId) {
        Set<String> only = ids == null ? null : Set.copyOf(ids);
        return Subscriptions.follow(feed.changes(), new Subscriptions.Follow<OpportunityView, OpportunityChange>(
                OpportunityViewProjection.MODEL,
                change -> only == null || only.contains(change.id()),
                opportunities::byId,
                view -> (ownerId == null || ownerId.equals(view.ownerId))
                        && (customerId == null || customerId.equals(view.customerId)),
                view -> access.mayRead(RecordKind.OPPORTUNITY, view.ownerId),
                (change, view) -> new OpportunityChange(OpportunityEvent.of(change.eventType()), change.id(),
                        Math.toIntExact(change.version()), view == null ? null : Opportunity.of(view))));
    }
}
