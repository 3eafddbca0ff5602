package io.waihu.backend.api.blacklist;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;
import static io.waihu.backend.api.support.ApiTypes.USER_ERRORS;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.UserError;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of the do-not-call list. */
public final class BlacklistTypes {

    /** Why scope stays a string: it is GLOBAL or a campaign's id, an open set. */
    static final String SCOPE = "GLOBAL (every call) or a campaign's id (that campaign's calls).";

    private BlacklistTypes() {
    }

    /** The stored {@link io.waihu.schema.blacklist.BlacklistMatch}, value for value, described for the API. */
    @Enum("BlacklistMatch")
    @Description("What a do-not-call entry blocks.")
    public enum BlacklistMatch {
        @Description("One number, E.164.")
        NUMBER,
        @Description("Every number starting with the pattern (+digits).")
        PREFIX;

        io.waihu.schema.blacklist.BlacklistMatch stored() {
            return io.waihu.schema.blacklist.BlacklistMatch.valueOf(name());
        }
    }

    @Type("BlacklistEntry")
    @Description("A number or prefix that may not be dialed in a scope.")
    public record BlacklistEntry(@NonNull @Id @Description("The entry's id, from scope and pattern.") String id,
            @NonNull @Description("The number (E.164) or the prefix (+digits).") String pattern,
            @NonNull @Description("Whether the pattern is one number or a prefix.") BlacklistMatch match,
            @NonNull @Description(SCOPE) String scope,
            @Description("Why it was blocked.") String reason,
            @Description("When the block lapses by itself; null: never.") Instant expiresAt) implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }
    }

    @Type("BlacklistCheck")
    @Description("Whether a number may be dialed, and the entry that blocks it.")
    public record BlacklistCheck(@NonNull @Description("The number, normalised to E.164.") String number,
            @NonNull @Description("True when an entry blocks it.") boolean blacklisted,
            @Description("The entry that blocks it, if one does.") BlacklistEntry entry) {
    }

    @Input("AddToBlacklistInput")
    @Description("A number or prefix to block, in a scope, and why.")
    public record AddToBlacklistInput(
            @NonNull @Description("A number in any written form (NUMBER) or +digits (PREFIX).") String number,
            @DefaultValue("NUMBER") @Description("Default NUMBER.") BlacklistMatch match,
            @DefaultValue("GLOBAL") @Description(SCOPE + " Default GLOBAL.") String scope,
            @NonNull @Description("Why: kept with the entry and in the audit trail.") String reason,
            @Description("When the block lapses by itself; left out, never.") Instant expiresAt) {
    }

    @Input("RemoveFromBlacklistInput")
    @Description("The block to lift, and why.")
    public record RemoveFromBlacklistInput(
            @NonNull @Description("The number or prefix as it was added.") String number,
            @DefaultValue("NUMBER") @Description("Default NUMBER.") BlacklistMatch match,
            @DefaultValue("GLOBAL") @Description(SCOPE + " Default GLOBAL.") String scope,
            @NonNull @Description("Why: kept in the audit trail.") String reason) {
    }

    @Type("AddToBlacklistPayload")
    @Description("The result of addToBlacklist.")
    public record AddToBlacklistPayload(@Description("The entry as added; null when refused.") BlacklistEntry entry,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("RemoveFromBlacklistPayload")
    @Description("The result of removeFromBlacklist.")
    public record RemoveFromBlacklistPayload(@Id @Description("The id of the entry lifted; null when refused.")
            String removedEntryId, @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("BlacklistEntryEdge")
    @Description("A do-not-call entry and its cursor in a list.")
    public record BlacklistEntryEdge(
            @NonNull @Description("Where this do-not-call entry is in the list: pass as after or before.") String cursor,
            @NonNull @Description("The do-not-call entry at this cursor.") BlacklistEntry node) {
    }

    @Type("BlacklistEntryConnection")
    @Description("A page of do-not-call entries.")
    public record BlacklistEntryConnection(@NonNull @Description(Connections.EDGES_DOC) List<@NonNull BlacklistEntryEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull BlacklistEntry> nodes, @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<BlacklistEntry, BlacklistEntryEdge, BlacklistEntryConnection> SHAPE =
                BlacklistEntryConnection::new;
    }
}
