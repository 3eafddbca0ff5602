package io.waihu.backend.api.blacklist;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.blacklist.BlacklistEntryView;
import io.waihu.projections.blacklist.BlacklistIndex;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import io.waihu.schema.blacklist.AddBlacklistEntryCommand;
import io.waihu.schema.blacklist.BlacklistMatch;
import io.waihu.schema.blacklist.BlacklistScope;
import io.waihu.schema.blacklist.RemoveBlacklistEntryCommand;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** The do-not-call list. Dialing code asks {@link BlacklistViewProjection#check} directly; people use this. */
@GraphQLApi
@Guarded
public class BlacklistApi {

    private final Commands commands;
    private final BlacklistViewProjection blacklist;
    private final PhoneNumbers phones;

    public BlacklistApi(Commands commands, BlacklistViewProjection blacklist, PhoneNumbers phones) {
        this.commands = commands;
        this.blacklist = blacklist;
        this.phones = phones;
    }

    @Query("isBlacklisted")
    @Description("Whether a number may not be dialed in a scope (a campaign id; the global list always applies).")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<BlacklistTypes.BlacklistCheck> isBlacklisted(@NonNull String number, @DefaultValue("GLOBAL") String scope) {
        return Uni.createFrom().deferred(() -> {
            String e164 = phones.normalize(number, "number").e164();
            return Uni.createFrom().item(blacklist.check(e164, scope)
                    .map(entry -> new BlacklistTypes.BlacklistCheck(e164, true, of(entry)))
                    .orElseGet(() -> new BlacklistTypes.BlacklistCheck(e164, false, null)));
        }).onFailure().transform(Errors::map);
    }

    @Query
    @Description("Active blacklist entries, optionally of one scope.")
    @Allowed({ADMIN, SUPERVISOR, AUDITOR})
    @NonNull
    public Uni<BlacklistTypes.BlacklistEntryConnection> blacklistEntries(String scope, @Description("Page forward: this many (1..200, default 50) after the cursor 'after'.") Integer first,
            @Description("Continue forward after this cursor.") String after,
            @Description("Page backward: this many (1..200) before the cursor 'before'.") Integer last,
            @Description("Continue backward before this cursor.") String before) {
        Paging paging;
        try {
            paging = Paging.of(first, after, last, before);
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> blacklist.page(scope, paging.size(), paging.cursor(), paging.backward()))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .map(page -> Connections.of(page, paging, BlacklistApi::of, BlacklistTypes.BlacklistEntryEdge::new,
                        BlacklistTypes.BlacklistEntryConnection.SHAPE, Connections.Total.of(() -> blacklist.count(scope))));
    }

    @Description("How many active entries the list has (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR, AUDITOR})
    public Uni<@NonNull Integer> totalCount(@Source BlacklistTypes.BlacklistEntryConnection connection) {
        return connection.total().count();
    }

    @Mutation
    @Description("Blocks a number (match NUMBER; any written form, normalised to E.164) or every number starting "
            + "with a prefix (match PREFIX, written +digits) in a scope: GLOBAL or a campaign id.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<BlacklistTypes.AddToBlacklistPayload> addToBlacklist(@NonNull BlacklistTypes.AddToBlacklistInput input) {
        BlacklistMatch match = input.match() == null ? BlacklistMatch.NUMBER : input.match().stored();
        String scope = input.scope() == null ? BlacklistScope.GLOBAL : input.scope();
        String reason = input.reason();
        Instant expiresAt = input.expiresAt();
        return Payloads.of(Uni.createFrom().deferred(() -> {
            String pattern = pattern(input.number(), match);
            String id = BlacklistScope.entryId(scope, pattern);
            return commands.sendAwaitingRow(new AddBlacklistEntryCommand(id, pattern, match, scope, reason, expiresAt),
                    BlacklistViewProjection.MODEL, id).chain(outcome -> blacklist.byId(id).map(view -> view != null
                            ? new BlacklistTypes.AddToBlacklistPayload(of(view), view.version >= outcome.version(),
                                    List.of())
                            // not in the read model yet (it lags, or parked the event): as the command added it
                            : new BlacklistTypes.AddToBlacklistPayload(new BlacklistTypes.BlacklistEntry(id, pattern,
                                    BlacklistTypes.BlacklistMatch.valueOf(match.name()), scope, reason, expiresAt),
                                    false, List.of())));
        }), errors -> new BlacklistTypes.AddToBlacklistPayload(null, true, errors));
    }

    @Mutation
    @Description("Lifts a block.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<BlacklistTypes.RemoveFromBlacklistPayload> removeFromBlacklist(
            @NonNull BlacklistTypes.RemoveFromBlacklistInput input) {
        BlacklistMatch match = input.match() == null ? BlacklistMatch.NUMBER : input.match().stored();
        String scope = input.scope() == null ? BlacklistScope.GLOBAL : input.scope();
        return Payloads.of(Uni.createFrom().deferred(() -> {
            String id = BlacklistScope.entryId(scope, pattern(input.number(), match));
            return commands.sendAndAwait(new RemoveBlacklistEntryCommand(id, input.reason()),
                    BlacklistViewProjection.MODEL, id).replaceWith(new BlacklistTypes.RemoveFromBlacklistPayload(id,
                            List.of()));
        }), errors -> new BlacklistTypes.RemoveFromBlacklistPayload(null, errors));
    }

    private String pattern(String number, BlacklistMatch match) {
        if (match == BlacklistMatch.NUMBER) {
            return phones.normalize(number, "number").e164();
        }
        String prefix = number == null ? "" : number.replaceAll("[\\s()-]", "");
        return prefix.startsWith("+") ? prefix : "+" + prefix;
    }

    static BlacklistTypes.BlacklistEntry of(BlacklistEntryView v) {
        return new BlacklistTypes.BlacklistEntry(v.id, v.pattern, BlacklistTypes.BlacklistMatch.valueOf(v.match), v.scope,
                v.reason, v.expiresAt);
    }

    private static BlacklistTypes.BlacklistEntry of(BlacklistIndex.Entry e) {
        return new BlacklistTypes.BlacklistEntry(e.id(), e.pattern(),
                e.prefix() ? BlacklistTypes.BlacklistMatch.PREFIX : BlacklistTypes.BlacklistMatch.NUMBER, e.scope(), e.reason(),
                e.expiresAt());
    }
}
