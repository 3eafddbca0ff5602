package io.waihu.backend.api.campaigns;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.campaigns.CampaignEnums.CampaignEvent;
import io.waihu.backend.api.campaigns.CampaignTypes.CampaignChange;
import io.waihu.backend.api.support.Subscriptions;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.dialer.campaigns.CampaignViewProjection;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReadModelChange;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Live changes to campaigns: lifecycle and settings (the campaign's events) and progress (the
 * dialer's notices, {@link CampaignViewProjection#progressChanged}), each with the campaign as it
 * is now.
 */
@GraphQLApi
@Guarded
public class CampaignSubscriptions {

    private final CampaignReads reads;
    private final ChangeFeed feed;

    public CampaignSubscriptions(CampaignReads reads, ChangeFeed feed) {
        this.reads = reads;
        this.feed = feed;
    }

    @Subscription
    @Description("Changes to campaigns you can see — created, edited, started, paused, resumed, stopped, progress — "
            + "as they are applied, with the campaign as it is now. Narrowed to some campaigns (ids) when given.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Multi<CampaignChange> campaignChanged(@Nullable List<@NonNull String> ids) {
        Set<String> only = ids == null ? null : Set.copyOf(ids);
        CampaignReads.Viewer viewer = reads.viewer();
        // progress notices travel under their own model (their versions are not the aggregate's): seen here as campaign changes
        Multi<ReadModelChange> changes = feed.changes().map(change -> change.model()
                .equals(CampaignViewProjection.PROGRESS_MODEL) ? new ReadModelChange(CampaignViewProjection.MODEL,
                        change.id(), change.version(), change.eventType()) : change);
        return Subscriptions.follow(changes, new Subscriptions.Follow<CampaignReads.Loaded, CampaignChange>(
                CampaignViewProjection.MODEL,
                change -> only == null || only.contains(change.id()),
                reads::load,
                loaded -> true,
                loaded -> Uni.createFrom().item(viewer.sees(loaded.settings())),
                (change, loaded) -> new CampaignChange(CampaignEvent.of(change.eventType()), change.id(),
                        Math.toIntExact(change.version()), loaded == null ? null : loaded.campaign())));
    }
}
