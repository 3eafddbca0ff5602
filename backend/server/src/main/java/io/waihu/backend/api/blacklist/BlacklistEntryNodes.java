package io.waihu.backend.api.blacklist;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Do-not-call entries for {@code node}/{@code nodes}, as {@code blacklistEntries} lists them:
 * active ones (a removed entry is no node), to admins, supervisors and auditors.
 */
@RequestScoped
public class BlacklistEntryNodes implements NodeResolver {

    private final BlacklistViewProjection blacklist;
    private final CurrentUser user;

    public BlacklistEntryNodes(BlacklistViewProjection blacklist, CurrentUser user) {
        this.blacklist = blacklist;
        this.user = user;
    }

    @Override
    public String aggregateType() {
        return "BlacklistEntry";
    }

    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        if (!user.has(Role.ADMIN) && !user.has(Role.SUPERVISOR) && !user.has(Role.AUDITOR)) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(blacklist::byId)
                .filter(view -> view != null && view.active)
                .collect().in(HashMap<String, Node>::new, (found, view) -> found.put(view.id, BlacklistApi.of(view)));
    }
}
