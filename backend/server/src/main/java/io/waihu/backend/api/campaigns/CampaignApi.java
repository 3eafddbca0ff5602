package io.waihu.backend.api.campaigns;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.campaigns.CampaignEnums.CampaignStatus;
import io.waihu.backend.api.campaigns.CampaignInputs.CreateCampaignInput;
import io.waihu.backend.api.campaigns.CampaignInputs.EditCampaignInput;
import io.waihu.backend.api.campaigns.CampaignTypes.CreateCampaignPayload;
import io.waihu.backend.api.campaigns.CampaignTypes.EditCampaignPayload;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.api.support.UserError;
import io.waihu.backend.api.support.UserErrorCode;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.dialer.campaigns.CampaignChecks;
import io.waihu.backend.dialer.campaigns.CampaignDefaults;
import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.dialer.campaigns.CampaignViewProjection;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.CreateCampaignCommand;
import io.waihu.schema.dialer.campaigns.EditCampaignCommand;
import io.waihu.schema.dialer.campaigns.PauseCampaignCommand;
import io.waihu.schema.dialer.campaigns.ResumeCampaignCommand;
import io.waihu.schema.dialer.campaigns.StartCampaignCommand;
import io.waihu.schema.dialer.campaigns.StopCampaignCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * Campaigns: supervisors and admins create, edit, start, pause, resume and stop them; everyone
 * but agents lists them; an agent reads the ones it is assigned to. Settings are checked whole
 * before the command goes out, so a form gets every problem at once as user errors (the
 * aggregate checks again and refuses with the first).
 */
@GraphQLApi
@Guarded
public class CampaignApi {

    private final Commands commands;
    private final CampaignViewProjection campaigns;
    private final CampaignReads reads;
    private final PhoneNumbers phones;

    public CampaignApi(Commands commands, CampaignViewProjection campaigns, CampaignReads reads, PhoneNumbers phones) {
        this.commands = commands;
        this.campaigns = campaigns;
        this.reads = reads;
        this.phones = phones;
    }

    @Query
    @Description("A campaign by id, with its progress; agents see only campaigns they are assigned to.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<CampaignTypes.Campaign> campaign(@NonNull @Id String id) {
        return reads.visible(id).map(CampaignReads.Loaded::campaign);
    }

    @Query
    @Description("Campaigns by name, all or those in one status.")
    @Allowed({ADMIN, SUPERVISOR, ANALYST, AUDITOR})
    @NonNull
    public Uni<CampaignTypes.CampaignConnection> campaigns(@Description("Only campaigns in this status.") CampaignStatus status,
            @Description(Paging.FIRST_DOC) Integer first, @Description("Continue forward after this cursor.") String after,
            @Description(Paging.LAST_DOC) Integer last, @Description("Continue backward before this cursor.") String before) {
        Paging paging;
        try {
            paging = Paging.of(first, after, last, before);
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        }
        io.waihu.schema.dialer.campaigns.CampaignStatus stored = status == null ? null : status.stored();
        return Uni.createFrom().deferred(() -> campaigns.page(stored, paging.size(), paging.cursor(), paging.backward()))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .chain(page -> reads.loadAll(page.items()).map(loaded -> Connections.of(page, paging,
                        view -> loaded.get(view.id).campaign(), CampaignTypes.CampaignEdge::new,
                        CampaignTypes.CampaignConnection.SHAPE, Connections.Total.of(() -> campaigns.count(stored)))));
    }

    @Description("How many campaigns the list has (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR, ANALYST, AUDITOR})
    public Uni<@NonNull Integer> totalCount(@Source CampaignTypes.CampaignConnection connection) {
        return connection.total().count();
    }

    @Mutation
    @Description("Creates a campaign as a draft: settings left out take their defaults (see CampaignSettingsInput).")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<CreateCampaignPayload> createCampaign(@NonNull CreateCampaignInput input) {
        String id = UUID.randomUUID().toString();
        List<CampaignRules.Problem> problems = new ArrayList<>();
        CampaignSettings settings = CampaignInputs.merge(CampaignDefaults.settings(null), input.settings(), phones,
                problems);
        List<UserError> errors = userErrors(problems, settings);
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(new CreateCampaignPayload(null, true, errors));
        }
        return Payloads.of(Uni.createFrom().deferred(() -> commands.sendAwaitingRow(new CreateCampaignCommand(id,
                settings), CampaignViewProjection.MODEL, id))
                .chain(outcome -> reads.answer(outcome, id))
                .map(a -> new CreateCampaignPayload(a.campaign(), a.inReadModel(), List.of())),
                refused -> new CreateCampaignPayload(null, true, refused));
    }

    @Mutation
    @Description("Changes a campaign's settings; a field left out stays as it is. Running and paused campaigns take "
            + "the change at once.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<EditCampaignPayload> editCampaign(@NonNull EditCampaignInput input) {
        String id = input.id();
        return Payloads.of(reads.visible(id).chain(current -> {
            List<CampaignRules.Problem> problems = new ArrayList<>();
            CampaignSettings settings = CampaignInputs.merge(current.settings(), input.settings(), phones, problems);
            List<UserError> errors = userErrors(problems, settings);
            if (!errors.isEmpty()) {
                return Uni.createFrom().item(new EditCampaignPayload(null, true, errors));
            }
            return commands.sendAwaitingRow(new EditCampaignCommand(id, Commands.version(input.expectedVersion()),
                    settings), CampaignViewProjection.MODEL, id)
                    .chain(outcome -> outcome.version() < 0
                            ? Uni.createFrom().item(new CampaignReads.Answer(current.campaign(), true))
                            : reads.answer(outcome, id))
                    .map(a -> new EditCampaignPayload(a.campaign(), a.inReadModel(), List.of()));
        }), refused -> new EditCampaignPayload(null, true, refused));
    }

    @Mutation
    @Description("Starts a draft campaign (it needs a trunk, a caller ID and agents or teams). Refused with "
            + "CONFLICT from any other status.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<CampaignTypes.StartCampaignPayload> startCampaign(@NonNull CampaignInputs.StartCampaignInput input) {
        return status(input.id(), new StartCampaignCommand(input.id(), input.reason()),
                CampaignTypes.StartCampaignPayload::new);
    }

    @Mutation
    @Description("Pauses a running campaign: no new attempt starts; calls already ringing finish. CONFLICT unless "
            + "running.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<CampaignTypes.PauseCampaignPayload> pauseCampaign(@NonNull CampaignInputs.PauseCampaignInput input) {
        return status(input.id(), new PauseCampaignCommand(input.id(), input.reason()),
                CampaignTypes.PauseCampaignPayload::new);
    }

    @Mutation
    @Description("Resumes a paused campaign. CONFLICT unless paused.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<CampaignTypes.ResumeCampaignPayload> resumeCampaign(@NonNull CampaignInputs.ResumeCampaignInput input) {
        return status(input.id(), new ResumeCampaignCommand(input.id(), input.reason()),
                CampaignTypes.ResumeCampaignPayload::new);
    }

    @Mutation
    @Description("Stops a campaign for good (a draft, running or paused one). CONFLICT when already stopped.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<CampaignTypes.StopCampaignPayload> stopCampaign(@NonNull CampaignInputs.StopCampaignInput input) {
        return status(input.id(), new StopCampaignCommand(input.id(), input.reason()),
                CampaignTypes.StopCampaignPayload::new);
    }

    /** The constructor of a lifecycle mutation's payload. */
    @FunctionalInterface
    private interface StatusPayload<P> {
        P make(CampaignTypes.Campaign campaign, boolean inReadModel, List<UserError> userErrors);
    }

    private <P> Uni<P> status(String id, Object command, StatusPayload<P> payload) {
        return Payloads.of(reads.visible(id)
                .chain(current -> commands.sendAwaitingRow(command, CampaignViewProjection.MODEL, id))
                .chain(outcome -> reads.answer(outcome, id))
                .map(a -> payload.make(a.campaign(), a.inReadModel(), List.of())),
                refused -> payload.make(null, true, refused));
    }

    /**
     * Every problem of the input at once: what could not be read, then what the settings break
     * (under {@code settings.…}, the path in the mutation's input).
     */
    private static List<UserError> userErrors(List<CampaignRules.Problem> unreadable, CampaignSettings settings) {
        List<UserError> errors = new ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (CampaignRules.Problem problem : unreadable) {
            reported.add(problem.field());
            errors.add(new UserError(UserError.path(problem.field()), UserErrorCode.VALIDATION, problem.message(),
                    List.of()));
        }
        boolean windowUnreadable = reported.stream().anyMatch(field -> field.startsWith("settings.window."));
        for (CampaignRules.Problem problem : CampaignChecks.problems(settings)) {
            String field = "settings." + problem.field();
            // a window half that could not be read was left at its old value: the pair says nothing then
            if (!(windowUnreadable && field.startsWith("settings.window.")) && reported.add(field)) {
                errors.add(new UserError(UserError.path(field), UserErrorCode.VALIDATION, problem.message(), List.of()));
            }
        }
        return errors;
    }
}
