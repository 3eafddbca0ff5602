package io.waihu.backend.api.agents;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Subscriptions;
import io.waihu.backend.dialer.agents.AgentRoster;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.agents.AgentStateProjection;
import io.waihu.projections.agents.AgentStateView;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.users.UserViewProjection;
import io.waihu.schema.users.Role;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;

/** Agents' state changes as they are recorded, through the shared subscription chain. */
@GraphQLApi
@Guarded
public class AgentSubscriptions {

    private final AgentStateProjection states;
    private final UserViewProjection users;
    private final ChangeFeed feed;
    private final CurrentUser user;

    public AgentSubscriptions(AgentStateProjection states, UserViewProjection users, ChangeFeed feed, CurrentUser user) {
        this.states = states;
        this.users = users;
        this.feed = feed;
        this.user = user;
    }

    @Subscription
    @Description("Agents' state changes, with the agent's state now: admins see everyone, supervisors their team, "
            + "agents themselves. Narrowed to one campaign or queue when given.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Multi<AgentTypes.AgentStateChange> agentStateChanged(
            @Id @Description("Only agents logged in to this campaign or queue.") String campaignId) {
        boolean admin = user.has(Role.ADMIN);
        boolean supervisor = user.has(Role.SUPERVISOR);
        String me = user.userId();
        String team = user.team();
        return Subscriptions.follow(feed.changes(), new Subscriptions.Follow<AgentStateView, AgentTypes.AgentStateChange>(
                AgentStateProjection.MODEL,
                change -> admin || supervisor || change.id().equals(me),
                states::byId,
                row -> campaignId == null || row.campaigns().contains(campaignId),
                row -> admin || row.agentId.equals(me) ? Uni.createFrom().item(true)
                        : !supervisor || team == null ? Uni.createFrom().item(false)
                        : users.byId(row.agentId).map(agent -> agent != null && team.equals(agent.team)),
                (change, row) -> new AgentTypes.AgentStateChange(change.id(), Math.toIntExact(change.version()),
                        row == null ? null : AgentTypes.AgentStatusView.of(AgentRoster.of(row, Instant.now())))));
    }
}
