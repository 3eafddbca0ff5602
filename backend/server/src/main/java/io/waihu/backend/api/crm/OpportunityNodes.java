package io.waihu.backend.api.crm;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.projections.crm.OpportunityViewProjection;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Opportunities for {@code node}/{@code nodes}: those the caller may read, as {@code opportunity(id:)} answers them. */
@RequestScoped
public class OpportunityNodes implements NodeResolver {

    private final OpportunityViewProjection opportunities;
    private final RecordAccess access;

    public OpportunityNodes(OpportunityViewProjection opportunities, RecordAccess access) {
        this.opportunities = opportunities;
        this.access = access;
    }

    @Override
    public String aggregateType() {
        return "Opportunity";
    }

    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        // one at a time: the reads of one request share its reactive session
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> opportunities.byId(id)
                        .chain(view -> view == null ? Uni.createFrom().nullItem()
                                : access.mayRead(RecordKind.OPPORTUNITY, view.ownerId)
                                        .map(visible -> visible ? view : null)))
                .filter(Objects::nonNull)
                .collect().in(HashMap<String, Node>::new, (found, view) -> found.put(view.id, CrmTypes.Opportunity.of(view)));
    }
}
