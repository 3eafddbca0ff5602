package io.waihu.backend.api.telephony;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.telephony.TrunkViewProjection;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Trunks for {@code node}/{@code nodes}, to those {@code trunks} shows them to: admins and supervisors. */
@RequestScoped
public class TrunkNodes implements NodeResolver {

    private final TrunkViewProjection trunks;
    private final CurrentUser user;

    public TrunkNodes(TrunkViewProjection trunks, CurrentUser user) {
        this.trunks = trunks;
        this.user = user;
    }

    @Override
    public String aggregateType() {
        return "Trunk";
    }

    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        if (!user.has(Role.ADMIN) && !user.has(Role.SUPERVISOR)) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(trunks::byId)
                .filter(Objects::nonNull)
                .collect().in(HashMap<String, Node>::new, (found, view) -> found.put(view.trunkId, TelephonyApi.of(view)));
    }
}
