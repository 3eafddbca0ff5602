package io.waihu.backend.api.users;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;
import static io.waihu.backend.api.support.ApiTypes.USER_ERRORS;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.UserError;
import io.waihu.projections.users.UserView;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of users and logins. */
public final class UserTypes {

    private UserTypes() {
    }

    /**
     * What a user may do, as the API names it: the stored {@link io.waihu.schema.users.Role} value
     * for value, described here so the schema module stays free of GraphQL.
     */
    @Enum("Role")
    @Description("What a user may do. A user holds any number of roles; each operation says which it needs.")
    public enum Role {
        @Description("Manages users, trunks and everything else; sees every record.")
        ADMIN,
        @Description("Leads a team: sees and works the team's customers and calls, manages the do-not-call list.")
        SUPERVISOR,
        @Description("Calls customers: sees and works their own customers and calls.")
        AGENT,
        @Description("Reads every record and the reports; changes nothing.")
        ANALYST,
        @Description("Reads every record and the audit trail; changes nothing.")
        AUDITOR;

        io.waihu.schema.users.Role stored() {
            return io.waihu.schema.users.Role.valueOf(name());
        }

        static Set<io.waihu.schema.users.Role> stored(List<Role> roles) {
            return roles.stream().map(Role::stored).collect(Collectors.toUnmodifiableSet());
        }
    }

    @Type("User")
    @Description("Someone who logs in: an agent, a supervisor, an admin, an analyst or an auditor.")
    public record User(@NonNull @Id @Description("The user's id, derived from the username.") String id,
            @NonNull @Description("What they log in with; unique.") String username,
            @NonNull @Description("The name shown to others.") String displayName,
            @NonNull @Description("What they may do, in the order above.") List<@NonNull Role> roles,
            @Description("Their team, if any: supervisors see their team's records.") String team,
            @NonNull @Description("False once disabled: they can no longer log in, and their tokens stop working.")
            boolean enabled,
            @NonNull @Description("The user's version: pass it as expectedVersion to change them safely.") int version)
            implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }

        public static User of(UserView v) {
            return new User(v.id, v.username, v.displayName, roles(v.roleSet()), v.team, v.enabled,
                    Math.toIntExact(v.version));
        }

        static List<Role> roles(java.util.Collection<?> stored) {
            return stored.stream().map(r -> Role.valueOf(r.toString())).sorted().toList();
        }
    }

    @Type("LoginPayload")
    @Description("The result of login: a signed token for the Authorization header (Bearer), and who it is for. "
            + "A wrong username or password is no user error but a top-level UNAUTHENTICATED (and counts towards "
            + "the throttle).")
    public record LoginPayload(
            @Description("Send as Authorization: Bearer <token>; null when refused.") String token,
            @Description("When the token stops working; log in again before then. Null when refused.")
            Instant expiresAt,
            @Description("The user logged in; null when refused.") User user,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {

        static LoginPayload refused(List<UserError> errors) {
            return new LoginPayload(null, null, null, errors);
        }
    }

    @Type("CreateUserPayload")
    @Description("The result of createUser.")
    public record CreateUserPayload(@Description("The user as created; null when refused.") User user,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("ChangeUserPayload")
    @Description("The result of changeUser.")
    public record ChangeUserPayload(@Description("The user as changed; null when refused.") User user,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("ChangePasswordPayload")
    @Description("The result of changePassword. The user's tokens issued before the change stop working.")
    public record ChangePasswordPayload(
            @Description("The user whose password changed; null when refused.") User user,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Input("LoginInput")
    @Description("A username and its password.")
    public record LoginInput(@NonNull @Description("The login name.") String username,
            @NonNull @Description("The password; refused logins count towards the throttle.") String password) {
    }

    @Input("CreateUserInput")
    @Description("A new user.")
    public record CreateUserInput(
            @NonNull @Description("Unique; at most 64 characters.") String username,
            @NonNull @Description("The name shown to others.") String displayName,
            @NonNull @Description("10 to 200 characters.") String password,
            @NonNull @Description("What they may do.") List<@NonNull Role> roles,
            @Description("Their team, if any.") String team) {
    }

    @Input("ChangeUserInput")
    @Description("What to change about a user; fields left out stay as they are.")
    public record ChangeUserInput(
            @NonNull @Id @Description("The user to change.") String id,
            @Description("The version you read; the change is refused with CONFLICT when the user changed since.")
            Integer expectedVersion,
            @Description("The new name shown to others.") String displayName,
            @Description("The new set of roles (replaces the old).") List<Role> roles,
            @Description("The new team; at most 64 characters.") String team,
            @Description("False disables the user: their tokens stop working at once.") Boolean enabled) {
    }

    @Input("ChangePasswordInput")
    @Description("A new password: yours (give the current one) or, as admin, anyone's.")
    public record ChangePasswordInput(
            @Id @Description("Whose password; left out, yours.") String userId,
            @Description("Your current password, when you change your own.") String currentPassword,
            @NonNull @Description("10 to 200 characters.") String newPassword) {
    }

    @Type("UserEdge")
    @Description("A user and its cursor in a list.")
    public record UserEdge(@NonNull @Description("Where this user is in the list: pass as after or before.")
            String cursor, @NonNull @Description("The user at this cursor.") User node) {
    }

    @Type("UserConnection")
    @Description("A page of users.")
    public record UserConnection(@NonNull @Description(Connections.EDGES_DOC) List<@NonNull UserEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull User> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<User, UserEdge, UserConnection> SHAPE = UserConnection::new;
    }
}
