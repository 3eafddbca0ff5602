package io.waihu.backend.api.campaigns;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Campaigns for {@code node}/{@code nodes}, as {@code campaign(id:)} answers them. */
@RequestScoped
public class CampaignNodes implements NodeResolver {

    private final CampaignReads reads;

    public CampaignNodes(CampaignReads reads) {
        this.reads = reads;
    }

    @Override
    public String aggregateType() {
        return "Campaign";
    }

    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        CampaignReads.Viewer viewer = reads.viewer();
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(reads::load)
                .filter(loaded -> loaded != null && viewer.sees(loaded.settings()))
                .collect().in(HashMap<String, Node>::new, (found, loaded) -> found.put(loaded.view().id, loaded.campaign()));
    }
}
