package io.waihu.projections.agents;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Reads;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.dialer.agents.AgentState;
import io.waihu.schema.dialer.agents.AgentStateEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The agents' current states ({@code agent_state}): what supervisors watch, what the
 * {@code agentStateChanged} subscription streams (through the change feed), and where the dialer
 * looks for the longest-idle available agent of a campaign. The dialer only takes candidates from
 * here: the row may lag its agent by a few milliseconds, and the agent's aggregate decides.
 */
@jakarta.inject.Singleton
@ProcessingGroup(AgentStateProjection.GROUP)
public class AgentStateProjection {

    public static final String GROUP = "agent-states";
    public static final String MODEL = "agentState";
    /** The most rows one question answers: a floor, not a history. */
    public static final int MAX_ROWS = 2000;

    private final Mutiny.SessionFactory sessions;
    private final ChangeFeed feed;

    public AgentStateProjection(Mutiny.SessionFactory sessions, ChangeFeed feed) {
        this.sessions = sessions;
        this.feed = feed;
    }

    @EventHandler
    void on(AgentStateEvent event, DomainEventMessage<?> message) {
        VersionedWrites.write(sessions, AgentStateView.class, event.agentId(), message, AgentStateView::new, row -> {
            AgentStateFold.apply(row, event, message.getTimestamp());
            row.version = message.getSequenceNumber();
            row.updatedAt = message.getTimestamp();
        }, written -> feed.applied(ReadModelChange.of(MODEL, event.agentId(), message), written));
    }

    public Uni<AgentStateView> byId(String agentId) {
        return Reads.read(sessions, session -> session.find(AgentStateView.class, agentId));
    }

    /**
     * Agents logged in (in a campaign or queue, or all when null), of a team when one is given,
     * by state then longest in it.
     */
    public Uni<List<AgentStateView>> current(String campaignId, String team) {
        StringBuilder where = new StringBuilder("a.state <> 'LOGGED_OUT'");
        if (campaignId != null) {
            where.append(" and a.campaignIds like :campaign");
        }
        if (team != null) {
            where.append(" and a.agentId in (select u.id from UserView u where u.team = :team)");
        }
        return Reads.read(sessions, session -> {
            var query = session.createQuery("from AgentStateView a where " + where
                    + " order by a.state, a.stateSince, a.agentId", AgentStateView.class).setMaxResults(MAX_ROWS);
            if (campaignId != null) {
                query.setParameter("campaign", "%," + campaignId + ",%");
            }
            if (team != null) {
                query.setParameter("team", team);
            }
            return query.getResultList();
        });
    }

    /** The available agents of a campaign whose phone is online, longest idle first, at most {@code limit}. */
    public Uni<List<String>> longestIdle(String campaignId, int limit) {
        return Reads.read(sessions, session -> session.createQuery("select a.agentId from AgentStateView a "
                + "where a.state = 'AVAILABLE' and a.phoneOffline = false and a.campaignIds like :campaign "
                + "order by a.idleSince, a.agentId", String.class)
                .setParameter("campaign", "%," + campaignId + ",%")
                .setMaxResults(limit)
                .getResultList());
    }

    /** Agents whose wrap-up time ran out by {@code now}. */
    public Uni<List<AgentStateView>> wrapUpsDue(Instant now) {
        return Reads.read(sessions, session -> session.createQuery("from AgentStateView a where a.state = :state "
                + "and a.wrapUpEndsAt <= :now order by a.wrapUpEndsAt", AgentStateView.class)
                .setParameter("state", AgentState.WRAP_UP.name())
                .setParameter("now", now)
                .setMaxResults(MAX_ROWS)
                .getResultList());
    }
}
