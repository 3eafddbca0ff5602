package io.waihu.backend.api.crm;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import io.waihu.backend.api.crm.CrmTypes.Opportunity;
import io.waihu.backend.api.support.Decimal;
import io.waihu.backend.api.support.UserError;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The inputs and payloads of the opportunity mutations: one input object and one payload type per mutation. */
public final class OpportunityInputs {

    private static final String EXPECTED_VERSION = "The version you last read; the change is refused (CONFLICT) if "
            + "the opportunity changed since. Omit to change it whatever its version.";
    private static final String USER_ERRORS = "What in the input the user can fix; empty when the mutation succeeded.";
    private static final String TITLE = "What is being sold: one line, up to 200 characters, not blank.";
    private static final String ID = "The open opportunity to change.";
    private static final String AMOUNT = "Zero or more, below 10^15, at most 4 decimals.";

    private OpportunityInputs() {
    }

    @Input("OpenOpportunityInput")
    @Description("A new opportunity.")
    public record OpenOpportunityInput(@NonNull @Id @Description("A live customer you may change.") String customerId,
            @Description(TITLE) String title, @NonNull @Description(AMOUNT) Decimal amount,
            @Description(CrmTypes.CURRENCY + " CNY when omitted.") String currency, LocalDate expectedCloseDate,
            @Id @Description("Who owns it; you when omitted.") String ownerId,
            @Description("An open stage; the pipeline's first when omitted.") String stage) {
    }

    @Input("EditOpportunityInput")
    @Description("A change to an opportunity: a field left out stays as it is.")
    public record EditOpportunityInput(@NonNull @Id @Description(ID) String id,
            @Description(EXPECTED_VERSION) Integer expectedVersion, @Description(TITLE) String title,
            @Description(AMOUNT) Decimal amount, @Description(CrmTypes.CURRENCY) String currency,
            LocalDate expectedCloseDate, @Id @Description("The user who works on it from now on.") String ownerId) {
    }

    @Input("MoveOpportunityStageInput")
    @Description("Moves an open opportunity to another open stage.")
    public record MoveOpportunityStageInput(@NonNull @Id @Description(ID) String id,
            @NonNull @Description("An open stage of the configured pipeline (see stages); won and lost are reached "
                    + "with closeOpportunity.") String stage,
            @Description(EXPECTED_VERSION) Integer expectedVersion) {
    }

    @Input("CloseOpportunityInput")
    @Description("Closes an open opportunity.")
    public record CloseOpportunityInput(@NonNull @Id @Description("The open opportunity to close.") String id,
            @NonNull @Description("Won (true) or lost.") boolean won,
            @Description("Why it was won or lost, for the history; up to 500 characters.") String reason,
            @Description(EXPECTED_VERSION) Integer expectedVersion) {
    }

    @Type("OpenOpportunityPayload")
    @Description("The result of openOpportunity.")
    public record OpenOpportunityPayload(@Description("The new opportunity; null when refused.") Opportunity opportunity,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("EditOpportunityPayload")
    @Description("The result of editOpportunity.")
    public record EditOpportunityPayload(@Description("The opportunity as edited; null when refused.")
            Opportunity opportunity, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("MoveOpportunityStagePayload")
    @Description("The result of moveOpportunityStage.")
    public record MoveOpportunityStagePayload(@Description("The opportunity in its new stage; null when refused.")
            Opportunity opportunity, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("CloseOpportunityPayload")
    @Description("The result of closeOpportunity.")
    public record CloseOpportunityPayload(@Description("The closed opportunity; null when refused.")
            Opportunity opportunity, @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }
}
