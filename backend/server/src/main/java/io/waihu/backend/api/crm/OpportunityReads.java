package io.waihu.backend.api.crm;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.Access;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.crm.OpportunityViewProjection;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/** The reads every opportunity operation shares: the opportunity as the caller may see it, and a mutation's answer. */
@RequestScoped
public class OpportunityReads {

    /** A mutation's opportunity, and whether it came from the read model. */
    public record Answer(CrmTypes.Opportunity opportunity, boolean inReadModel) {
    }

    private final OpportunityViewProjection opportunities;
    private final RecordAccess access;

    public OpportunityReads(OpportunityViewProjection opportunities, RecordAccess access) {
        this.opportunities = opportunities;
        this.access = access;
    }

    Uni<OpportunityView> visible(String id, Access want) {
        return opportunities.byId(id).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no opportunity " + id))
                : access.require(RecordKind.OPPORTUNITY, want, view.ownerId).replaceWith(view));
    }

    /**
     * The row the projection handed over after the command, else a fresh read; when that read is
     * older than the command (the read model lags, or parked the event), the command's own
     * events folded onto it, marked as not in the read model yet.
     */
    Uni<Answer> answer(Commands.Outcome outcome, String id) {
        if (outcome.row() instanceof OpportunityView view) {
            return Uni.createFrom().item(new Answer(CrmTypes.Opportunity.of(view), true));
        }
        return opportunities.byId(id).chain(view -> {
            List<DomainEventMessage<?>> missing = outcome.newerThan(view == null ? -1 : view.version);
            if (missing.isEmpty() || view == null && missing.get(0).getSequenceNumber() != 0) {
                return view == null ? Uni.createFrom().failure(new ApiError.NotFound("no opportunity " + id))
                        : Uni.createFrom().item(new Answer(CrmTypes.Opportunity.of(view), true));
            }
            OpportunityView folded = view == null ? new OpportunityView() : view;
            missing.forEach(e -> OpportunityViewProjection.apply(folded, e.getPayload(), e.getSequenceNumber(),
                    e.getTimestamp()));
            return Uni.createFrom().item(new Answer(CrmTypes.Opportunity.of(folded), false));
        });
    }
}
