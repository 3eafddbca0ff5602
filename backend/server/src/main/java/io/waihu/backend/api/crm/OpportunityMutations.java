package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.crm.OpportunityInputs.CloseOpportunityInput;
import io.waihu.backend.api.crm.OpportunityInputs.CloseOpportunityPayload;
import io.waihu.backend.api.crm.OpportunityInputs.EditOpportunityInput;
import io.waihu.backend.api.crm.OpportunityInputs.EditOpportunityPayload;
import io.waihu.backend.api.crm.OpportunityInputs.MoveOpportunityStageInput;
import io.waihu.backend.api.crm.OpportunityInputs.MoveOpportunityStagePayload;
import io.waihu.backend.api.crm.OpportunityInputs.OpenOpportunityInput;
import io.waihu.backend.api.crm.OpportunityInputs.OpenOpportunityPayload;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Decimal;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.Access;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.crm.OpportunityViewProjection;
import io.waihu.schema.common.Money;
import io.waihu.schema.crm.CloseOpportunityCommand;
import io.waihu.schema.crm.EditOpportunityCommand;
import io.waihu.schema.crm.MoveOpportunityStageCommand;
import io.waihu.schema.crm.OpenOpportunityCommand;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/** Every change to opportunities, as a command: one input object in, one payload with {@code userErrors} out. */
@GraphQLApi
@Guarded
public class OpportunityMutations {

    private final Commands commands;
    private final OpportunityReads reads;
    private final CustomerViewProjection customers;
    private final RecordAccess access;
    private final CurrentUser user;

    public OpportunityMutations(Commands commands, OpportunityReads reads, CustomerViewProjection customers,
            RecordAccess access, CurrentUser user) {
        this.commands = commands;
        this.reads = reads;
        this.customers = customers;
        this.access = access;
        this.user = user;
    }

    @Mutation
    @Description("Opens an opportunity for a customer you can see, in the first stage unless another is named.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<OpenOpportunityPayload> openOpportunity(@NonNull OpenOpportunityInput input) {
        String id = UUID.randomUUID().toString();
        String owner = input.ownerId() == null ? user.userId() : input.ownerId();
        return Payloads.of(customers.byId(input.customerId())
                .chain(customer -> customer == null || customer.status != CustomerView.Status.ACTIVE
                        ? Uni.createFrom().failure(new ApiError.Validation("customerId", "no such customer"))
                        : access.require(RecordKind.CUSTOMER, Access.WRITE, customer.ownerId))
                .chain(() -> access.requireAssignable(owner))
                .chain(() -> Uni.createFrom().deferred(() -> commands.sendAwaitingRow(new OpenOpportunityCommand(id,
                                input.customerId(), input.title(),
                                Money.of(Decimal.value(input.amount()), Objects.requireNonNullElse(input.currency(),
                                        "CNY")), owner, input.expectedCloseDate(), input.stage()),
                        OpportunityViewProjection.MODEL, id)))
                .chain(outcome -> reads.answer(outcome, id))
                .map(a -> new OpenOpportunityPayload(a.opportunity(), a.inReadModel(), List.of())),
                errors -> new OpenOpportunityPayload(null, true, errors));
    }

    @Mutation
    @Description("Changes title, amount, currency, expected close date or owner; missing fields stay as they are.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<EditOpportunityPayload> editOpportunity(@NonNull EditOpportunityInput input) {
        String id = input.id();
        return Payloads.of(reads.visible(id, Access.WRITE).chain(view -> {
            Uni<Void> ownerCheck = input.ownerId() == null || input.ownerId().equals(view.ownerId)
                    ? Uni.createFrom().voidItem() : access.requireAssignable(input.ownerId());
            return ownerCheck.chain(() -> Uni.createFrom().deferred(() -> commands.sendAwaitingRow(
                    new EditOpportunityCommand(id, Commands.version(input.expectedVersion()), input.title(),
                            input.amount() == null && input.currency() == null ? null
                                    : Money.of(Objects.requireNonNullElse(Decimal.value(input.amount()), view.amount),
                                            Objects.requireNonNullElse(input.currency(), view.currency)),
                            input.expectedCloseDate(), input.ownerId()),
                    OpportunityViewProjection.MODEL, id)));
        }).chain(outcome -> reads.answer(outcome, id))
                .map(a -> new EditOpportunityPayload(a.opportunity(), a.inReadModel(), List.of())),
                errors -> new EditOpportunityPayload(null, true, errors));
    }

    @Mutation
    @Description("Moves an open opportunity to another open stage.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<MoveOpportunityStagePayload> moveOpportunityStage(@NonNull MoveOpportunityStageInput input) {
        String id = input.id();
        return Payloads.of(reads.visible(id, Access.WRITE)
                .chain(view -> commands.sendAwaitingRow(new MoveOpportunityStageCommand(id,
                        Commands.version(input.expectedVersion()), input.stage()), OpportunityViewProjection.MODEL, id))
                .chain(outcome -> reads.answer(outcome, id))
                .map(a -> new MoveOpportunityStagePayload(a.opportunity(), a.inReadModel(), List.of())),
                errors -> new MoveOpportunityStagePayload(null, true, errors));
    }

    @Mutation
    @Description("Closes an open opportunity as won or lost.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CloseOpportunityPayload> closeOpportunity(@NonNull CloseOpportunityInput input) {
        String id = input.id();
        return Payloads.of(reads.visible(id, Access.WRITE)
                .chain(view -> commands.sendAwaitingRow(new CloseOpportunityCommand(id,
                        Commands.version(input.expectedVersion()), input.won(), input.reason()),
                        OpportunityViewProjection.MODEL, id))
                .chain(outcome -> reads.answer(outcome, id))
                .map(a -> new CloseOpportunityPayload(a.opportunity(), a.inReadModel(), List.of())),
                errors -> new CloseOpportunityPayload(null, true, errors));
    }
}
