package io.waihu.backend.api.campaigns;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.dialer.campaigns.CampaignProgress;
import io.waihu.projections.dialer.campaigns.CampaignView;
import io.waihu.projections.dialer.campaigns.CampaignViewProjection;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Campaigns as the API shows them, and who may see which: admins, supervisors, analysts and
 * auditors see every campaign; an agent sees the campaigns it is assigned to, by name or by team
 * (its desktop lists them to log in to). Application-scoped: a subscription loads through it after
 * its request ended; the caller is read (from the request) only in {@link #viewer()}.
 */
@ApplicationScoped
public class CampaignReads {

    private final CampaignViewProjection campaigns;
    private final CurrentUser user;

    public CampaignReads(CampaignViewProjection campaigns, CurrentUser user) {
        this.campaigns = campaigns;
        this.user = user;
    }

    /** A campaign's row with its settings read and its progress. */
    record Loaded(CampaignView view, CampaignSettings settings, CampaignProgress progress) {

        CampaignTypes.Campaign campaign() {
            return CampaignTypes.Campaign.of(view, settings, progress);
        }
    }

    /** Who is asking, captured once (a subscription outlives its request). */
    record Viewer(boolean seesAll, String userId, String team) {

        boolean sees(CampaignSettings settings) {
            return seesAll || settings.agentIds().contains(userId) || (team != null && settings.teams().contains(team));
        }
    }

    Viewer viewer() {
        boolean all = user.has(Role.ADMIN) || user.has(Role.SUPERVISOR) || user.has(Role.ANALYST) || user.has(Role.AUDITOR);
        return new Viewer(all, user.userId(), user.team());
    }

    /** The campaign {@code id}; null when there is none. */
    Uni<Loaded> load(String id) {
        return campaigns.byId(id).chain(view -> view == null ? Uni.createFrom().nullItem() : withProgress(view));
    }

    Uni<Loaded> withProgress(CampaignView view) {
        return campaigns.progress(List.of(view.id)).map(rows -> new Loaded(view, campaigns.settingsOf(view),
                rows.isEmpty() ? null : rows.get(0)));
    }

    /** The rows of a page with their settings and progress, by id. */
    Uni<Map<String, Loaded>> loadAll(List<CampaignView> views) {
        if (views.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return campaigns.progress(views.stream().map(v -> v.id).toList()).map(rows -> {
            Map<String, CampaignProgress> byId = rows.stream().collect(Collectors.toMap(p -> p.campaignId,
                    Function.identity()));
            return views.stream().collect(Collectors.toMap(v -> v.id,
                    v -> new Loaded(v, campaigns.settingsOf(v), byId.get(v.id))));
        });
    }

    /** The campaign {@code id} if the caller may see it; NOT_FOUND otherwise (not telling which). */
    Uni<Loaded> visible(String id) {
        Viewer viewer = viewer();
        return load(id).chain(loaded -> loaded == null || !viewer.sees(loaded.settings())
                ? Uni.createFrom().failure(new ApiError.NotFound("no such campaign"))
                : Uni.createFrom().item(loaded));
    }

    /**
     * The answer of a mutation: the row the command's events produced (read-your-writes), or
     * read back; {@code inReadModel} false when the read model has not caught up.
     */
    Uni<Answer> answer(Commands.Outcome outcome, String id) {
        if (outcome.row() instanceof CampaignView view) {
            return withProgress(view).map(loaded -> new Answer(loaded.campaign(), true));
        }
        return load(id).map(loaded -> loaded == null ? new Answer(null, false)
                : new Answer(loaded.campaign(), loaded.view().version >= outcome.version()));
    }

    record Answer(CampaignTypes.Campaign campaign, boolean inReadModel) {
    }
}
