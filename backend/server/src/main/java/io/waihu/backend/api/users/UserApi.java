package io.waihu.backend.api.users;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.backend.users.Passwords;
import io.waihu.backend.users.UserIds;
import io.waihu.projections.users.UserViewProjection;
import io.waihu.schema.users.ChangeUserCommand;
import io.waihu.schema.users.ChangeUserPasswordCommand;
import io.waihu.schema.users.CreateUserCommand;
import io.waihu.schema.users.Role;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Users, roles and teams. Admins manage them; supervisors see their team. */
@GraphQLApi
@Guarded
public class UserApi {

    private final Commands commands;
    private final UserViewProjection users;
    private final CurrentUser user;

    public UserApi(Commands commands, UserViewProjection users, CurrentUser user) {
        this.commands = commands;
        this.users = users;
        this.user = user;
    }

    @Query
    @Description("All users (admins) or your team's (supervisors).")
    @Allowed({ADMIN, SUPERVISOR})
    @NonNull
    public Uni<UserTypes.UserConnection> users(@Description("Page forward: this many (1..200, default 50) after the cursor 'after'.") Integer first,
            @Description("Continue forward after this cursor.") String after,
            @Description("Page backward: this many (1..200) before the cursor 'before'.") Integer last,
            @Description("Continue backward before this cursor.") String before) {
        String team = user.has(ADMIN) ? null : user.team();
        String only = !user.has(ADMIN) && team == null ? user.userId() : null;
        Paging paging;
        try {
            paging = Paging.of(first, after, last, before);
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> users.page(team, only, paging.size(), paging.cursor(), paging.backward()))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .map(page -> Connections.of(page, paging, UserTypes.User::of, UserTypes.UserEdge::new,
                        UserTypes.UserConnection.SHAPE, Connections.Total.of(() -> users.count(team, only))));
    }

    @Description("How many users the whole list has (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<@NonNull Integer> totalCount(@Source UserTypes.UserConnection connection) {
        return connection.total().count();
    }

    @Mutation
    @Description("Creates a user. A username someone has is a CONFLICT user error; passwords need 10 to 200 "
            + "characters (a VALIDATION user error otherwise).")
    @Allowed({ADMIN})
    public Uni<UserTypes.CreateUserPayload> createUser(@NonNull UserTypes.CreateUserInput input) {
        String username = input.username();
        String displayName = input.displayName();
        List<UserTypes.Role> roles = input.roles();
        String team = input.team();
        String id = UserIds.forUsername(username);
        return Payloads.of(Uni.createFrom().deferred(() -> {
            checkPassword("password", input.password());
            if (username.length() > UserIds.MAX_USERNAME_LENGTH) {
                throw RuleViolation.invalid("username", "at most " + UserIds.MAX_USERNAME_LENGTH + " characters");
            }
            if (roles.contains(null)) {
                throw RuleViolation.invalid("roles", "a role is null");
            }
            Set<Role> roleSet = UserTypes.Role.stored(roles);
            return Passwords.hash(input.password())
                    .chain(hash -> commands.sendAwaitingRow(new CreateUserCommand(id, username, displayName, hash,
                            roleSet, team), UserViewProjection.MODEL, id))
                    .onFailure(ApiError.Conflict.class)
                    .transform(e -> new ApiError.Conflict("username", "username taken: " + username))
                    .chain(outcome -> answer(outcome, id, () -> new UserTypes.User(id, username, displayName,
                            UserTypes.User.roles(roleSet), team, true, 0)))
                    .map(answer -> new UserTypes.CreateUserPayload(answer.user(), answer.inReadModel(), List.of()));
        }), errors -> new UserTypes.CreateUserPayload(null, true, errors));
    }

    @Mutation
    @Description("Changes a user's display name, roles, team or whether they may log in. A stale expectedVersion is "
            + "a CONFLICT user error; an unknown user a top-level NOT_FOUND.")
    @Allowed({ADMIN})
    public Uni<UserTypes.ChangeUserPayload> changeUser(@NonNull UserTypes.ChangeUserInput input) {
        String id = input.id();
        Boolean enabled = input.enabled();
        List<UserTypes.Role> roles = input.roles();
        return Payloads.of(Uni.createFrom().deferred(() -> {
            if (id.equals(user.userId()) && Boolean.FALSE.equals(enabled)) {
                throw RuleViolation.invalid("enabled", "you cannot lock yourself out: stay enabled");
            }
            if (id.equals(user.userId()) && roles != null && !roles.contains(UserTypes.Role.ADMIN)) {
                throw RuleViolation.invalid("roles", "you cannot lock yourself out: keep ADMIN");
            }
            if (roles != null && roles.contains(null)) {
                throw RuleViolation.invalid("roles", "a role is null");
            }
            return load(id)
                    .chain(() -> commands.sendAwaitingRow(new ChangeUserCommand(id,
                            Commands.version(input.expectedVersion()), input.displayName(),
                            roles == null ? null : UserTypes.Role.stored(roles), input.team(), enabled),
                            UserViewProjection.MODEL, id))
                    .chain(outcome -> answer(outcome, id, null))
                    .map(answer -> new UserTypes.ChangeUserPayload(answer.user(), answer.inReadModel(), List.of()));
        }), errors -> new UserTypes.ChangeUserPayload(null, true, errors));
    }

    @Mutation
    @Description("Sets a new password: your own (give the current one; a wrong one is a VALIDATION user error on "
            + "currentPassword) or, as admin, anyone's. Every token of the user issued before stops working.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<UserTypes.ChangePasswordPayload> changePassword(@NonNull UserTypes.ChangePasswordInput input) {
        String currentPassword = input.currentPassword();
        String newPassword = input.newPassword();
        String target = input.userId() == null ? user.userId() : input.userId();
        boolean self = target.equals(user.userId());
        if (!self && !user.has(ADMIN)) {
            return Uni.createFrom().failure(new ApiError.Forbidden("only admins set other users' passwords"));
        }
        return Payloads.of(Uni.createFrom().deferred(() -> {
            checkPassword("newPassword", newPassword);
            return users.byId(target).chain(view -> {
                if (view == null) {
                    return Uni.createFrom().failure(new ApiError.NotFound("no user " + target));
                }
                Uni<Boolean> allowed = self
                        ? Passwords.matches(currentPassword == null ? "" : currentPassword, view.passwordHash)
                        : Uni.createFrom().item(true);
                return allowed.chain(ok -> ok ? Passwords.hash(newPassword)
                        : Uni.createFrom().failure(new ApiError.Validation("currentPassword",
                                "current password is wrong")));
            }).chain(hash -> commands.sendAwaitingRow(new ChangeUserPasswordCommand(target, hash),
                    UserViewProjection.MODEL, target))
                    .chain(outcome -> answer(outcome, target, null))
                    .map(answer -> new UserTypes.ChangePasswordPayload(answer.user(), List.of()));
        }), errors -> new UserTypes.ChangePasswordPayload(null, errors));
    }

    private static void checkPassword(String field, String password) {
        if (password.length() < Passwords.MIN_LENGTH || password.length() > Passwords.MAX_LENGTH) {
            throw RuleViolation.invalid(field,
                    "a password needs " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH + " characters");
        }
    }

    private record Answer(UserTypes.User user, boolean inReadModel) {}

    /**
     * The user as its read model has it, marked when that is older than the command; a user the
     * read model does not have yet (it lags, or parked the event) as the command created it.
     */
    private Uni<Answer> answer(Commands.Outcome outcome, String id, Supplier<UserTypes.User> created) {
        return users.byId(id).chain(view -> {
            if (view == null) {
                return created != null && outcome.version() >= 0 ? Uni.createFrom().item(new Answer(created.get(), false))
                        : Uni.createFrom().failure(new ApiError.NotFound("no user " + id));
            }
            return Uni.createFrom().item(new Answer(UserTypes.User.of(view), view.version >= outcome.version()));
        });
    }

    private Uni<UserTypes.User> load(String id) {
        return users.byId(id).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no user " + id))
                : Uni.createFrom().item(UserTypes.User.of(view)));
    }
}
