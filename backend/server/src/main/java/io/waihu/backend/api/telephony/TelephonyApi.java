package io.waihu.backend.api.telephony;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.backend.telephony.SipAccountDirectory;
import io.waihu.backend.telephony.Telephony;
import io.waihu.projections.telephony.TrunkView;
import io.waihu.projections.telephony.TrunkViewProjection;
import io.waihu.schema.telephony.ConfigureTrunkCommand;
import io.waihu.schema.telephony.RemoveTrunkCommand;
import io.waihu.schema.telephony.TrunkMediaEncryption;
import io.waihu.schema.telephony.TrunkTransport;
import io.waihu.schema.users.SetSipPasswordCommand;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Telephony settings: carrier trunks and agents' SIP credentials. */
@GraphQLApi
@Guarded
public class TelephonyApi {

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Commands commands;
    private final TrunkViewProjection trunks;
    private final SipAccountDirectory accounts;
    private final Telephony settings;
    private final CurrentUser user;

    public TelephonyApi(Commands commands, TrunkViewProjection trunks, SipAccountDirectory accounts,
            Telephony settings, CurrentUser user) {
        this.commands = commands;
        this.trunks = trunks;
        this.accounts = accounts;
        this.settings = settings;
        this.user = user;
    }

    @Query
    @Description("The carrier trunks, by name.")
    @Allowed({ADMIN, SUPERVISOR})
    @NonNull
    public Uni<TelephonyTypes.TrunkConnection> trunks(@Description("Page forward: this many (1..200, default 50) after the cursor 'after'.") Integer first,
            @Description("Continue forward after this cursor.") String after,
            @Description("Page backward: this many (1..200) before the cursor 'before'.") Integer last,
            @Description("Continue backward before this cursor.") String before) {
        Paging paging;
        try {
            paging = Paging.of(first, after, last, before);
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> trunks.page(paging.size(), paging.cursor(), paging.backward()))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .map(page -> Connections.of(page, paging, TelephonyApi::of, TelephonyTypes.TrunkEdge::new,
                        TelephonyTypes.TrunkConnection.SHAPE, Connections.Total.of(trunks::count)));
    }

    @Description("How many trunks there are (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<@NonNull Integer> totalCount(@Source TelephonyTypes.TrunkConnection connection) {
        return connection.total().count();
    }

    @Mutation
    @Description("Creates a trunk (no id) or replaces a trunk's settings. Defaults: port 5060, UDP, 30 channels, "
            + "enabled.")
    @Allowed({ADMIN})
    public Uni<TelephonyTypes.ConfigureTrunkPayload> configureTrunk(
            @NonNull TelephonyTypes.ConfigureTrunkInput input) {
        return Payloads.of(Uni.createFrom().deferred(() -> {
            String trunkId = input.id() != null ? input.id() : UUID.randomUUID().toString();
            TrunkTransport transport = input.transport() == null ? TrunkTransport.UDP : input.transport().stored();
            TrunkMediaEncryption encryption = input.mediaEncryption() == null ? null : input.mediaEncryption().stored();
            ConfigureTrunkCommand command = new ConfigureTrunkCommand(trunkId, input.name(), input.host(),
                    input.port() == null ? 5060 : input.port(), transport, input.username(), input.password(),
                    input.callerId(), input.dialPrefix(), input.maxChannels() == null ? 30 : input.maxChannels(),
                    input.enabled() == null || input.enabled(), encryption, input.prefixes(), input.priority());
            return commands.sendAwaitingRow(command, TrunkViewProjection.MODEL, trunkId)
                    .chain(outcome -> trunks.byId(trunkId).map(view -> view != null
                            ? new TelephonyTypes.ConfigureTrunkPayload(of(view), view.version >= outcome.version(),
                                    List.of())
                            : new TelephonyTypes.ConfigureTrunkPayload(configured(command), false, List.of())));
        }), errors -> new TelephonyTypes.ConfigureTrunkPayload(null, true, errors));
    }

    @Mutation
    @Description("Removes a trunk; calls already on it continue.")
    @Allowed({ADMIN})
    public Uni<TelephonyTypes.RemoveTrunkPayload> removeTrunk(@NonNull TelephonyTypes.RemoveTrunkInput input) {
        String id = input.id();
        return Payloads.of(commands.sendAndAwait(new RemoveTrunkCommand(id), TrunkViewProjection.MODEL, id)
                .replaceWith(new TelephonyTypes.RemoveTrunkPayload(id, List.of())),
                errors -> new TelephonyTypes.RemoveTrunkPayload(null, errors));
    }

    @Mutation("setSipPassword")
    @Description("Sets a user's SIP password (what their phones register with; not the login password) and returns "
            + "the credentials to configure a desk phone with. Without a password, a strong one is generated. A "
            + "password the phones could not use is a VALIDATION user error; an unknown user a top-level NOT_FOUND.")
    @Allowed({ADMIN})
    public Uni<TelephonyTypes.SetSipPasswordPayload> setSipPassword(
            @NonNull TelephonyTypes.SetSipPasswordInput input) {
        String userId = input.userId();
        String secret = input.password() != null ? input.password() : generate();
        // the directory reads the event store itself: no read model to wait for
        return Payloads.of(commands.send(new SetSipPasswordCommand(userId, secret))
                .invoke(() -> accounts.forget(userId))
                .chain(() -> credentials(userId))
                .map(credentials -> new TelephonyTypes.SetSipPasswordPayload(credentials, List.of())),
                errors -> new TelephonyTypes.SetSipPasswordPayload(null, errors));
    }

    @Query
    @Description("Your own SIP credentials, for the softphone to register with. The first call provisions them.")
    @Allowed({SUPERVISOR, AGENT})
    public Uni<TelephonyTypes.SipCredentials> mySipCredentials() {
        String me = user.userId();
        return credentials(me).chain(found -> found != null ? Uni.createFrom().item(found)
                        : commands.send(new SetSipPasswordCommand(me, generate()))
                                .invoke(() -> accounts.forget(me))
                                .chain(() -> credentials(me)))
                .onFailure().transform(Errors::map);
    }

    private Uni<TelephonyTypes.SipCredentials> credentials(String userId) {
        return Uni.createFrom().item(() -> accounts.credentialsOf(userId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> found.filter(c -> c.password() != null)
                        .map(c -> new TelephonyTypes.SipCredentials(c.username(), c.password(), accounts.realm(),
                                settings.wsUri(), settings.wsPort(), settings.wssPort(),
                                settings.udpPort()))
                        .orElse(null));
    }

    private static String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    static TelephonyTypes.Trunk of(TrunkView v) {
        return new TelephonyTypes.Trunk(v.trunkId, v.name, v.host, v.port,
                TelephonyTypes.TrunkTransport.valueOf(v.transport), v.username, v.hasPassword, v.callerId,
                v.dialPrefix, v.maxChannels, v.enabled, TelephonyTypes.MediaEncryption.valueOf(v.mediaEncryption),
                v.prefixList(), v.priority,
                Math.toIntExact(v.version));
    }

    /** A new trunk the read model does not have yet (it lags, or parked the event), as the command configured it. */
    private static TelephonyTypes.Trunk configured(ConfigureTrunkCommand c) {
        return new TelephonyTypes.Trunk(c.trunkId(), c.name(), c.host(), c.port(),
                TelephonyTypes.TrunkTransport.valueOf(c.transport().name()), c.username(),
                c.password() != null && !c.password().isEmpty(), c.callerId(),
                c.dialPrefix() == null ? "" : c.dialPrefix(), c.maxChannels(), c.enabled(),
                c.mediaEncryption() == null ? TelephonyTypes.MediaEncryption.NONE
                        : TelephonyTypes.MediaEncryption.valueOf(c.mediaEncryption().name()),
                c.prefixes() == null ? List.of() : c.prefixes(), c.priority() == null ? 0 : c.priority(), 0);
    }
}
