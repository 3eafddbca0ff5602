package io.waihu.backend.api.calls;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.waihu.backend.api.calls.CallChanges.CallChange;
import io.waihu.backend.api.calls.CallChanges.CallEvent;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.backend.api.support.Subscriptions;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.calls.CallRecord;
import io.waihu.projections.calls.CallRecordProjection;
import io.waihu.projections.support.ChangeFeed;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** Live changes to calls, each with the call as the caller may see it, through the shared subscription chain. */
@GraphQLApi
@Guarded
public class CallSubscriptions {

    private final CallRecordProjection calls;
    private final RecordAccess access;
    private final ChangeFeed feed;
    private final CallViews views;

    public CallSubscriptions(CallRecordProjection calls, RecordAccess access, ChangeFeed feed, CallViews views) {
        this.calls = calls;
        this.access = access;
        this.feed = feed;
        this.views = views;
    }

    @Subscription
    @Description("Changes to calls you can see, as they are recorded, with the call as it is now. Narrowed to some "
            + "calls (ids), one agent's (agentId) or one customer's (customerId) when given; all given must match.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Multi<CallChange> callChanged(@Nullable @Description("Only these calls.") List<@NonNull String> ids,
            @Id @Description("Only calls of this agent.") String agentId,
            @Id @Description("Only calls to this customer.") String customerId) {
        Set<String> only = ids == null ? null : Set.copyOf(ids);
        return Subscriptions.follow(feed.changes(), new Subscriptions.Follow<CallRecord, CallChange>(
                CallRecordProjection.MODEL,
                change -> only == null || only.contains(change.id()),
                calls::byId,
                call -> (agentId == null || agentId.equals(call.agentId))
                        && (customerId == null || customerId.equals(call.customerId)),
                call -> access.mayRead(RecordKind.CALL, call.agentId),
                (change, call) -> new CallChange(CallEvent.of(change.eventType()), change.id(),
                        Math.toIntExact(change.version()), call == null ? null : views.of(call))));
    }
}
