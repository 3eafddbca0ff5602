package io.waihu.backend.api.users;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.ClientAddress;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.backend.security.LoginThrottle;
import io.waihu.backend.security.LoginsInRequest;
import io.waihu.backend.users.Passwords;
import io.waihu.backend.security.Public;
import io.waihu.backend.security.UserRights;
import io.waihu.backend.users.UserIds;
import io.waihu.projections.users.UserView;
import io.waihu.projections.users.UserViewProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Logging in: username and password for a signed JWT, sent back as {@code Authorization: Bearer …}. */
@GraphQLApi
@Guarded
public class AuthApi {

    private final UserViewProjection users;
    private final UserRights rights;
    private final LoginThrottle throttle;
    private final CurrentUser user;
    private final ClientAddress client;
    private final LoginsInRequest logins;
    private final Duration tokenLifetime;
    private final String issuer;

    public AuthApi(UserViewProjection users, UserRights rights, LoginThrottle throttle, CurrentUser user,
            ClientAddress client, LoginsInRequest logins,
            @ConfigProperty(name = "waihu.auth.token-lifetime") Duration tokenLifetime,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.users = users;
        this.rights = rights;
        this.throttle = throttle;
        this.user = user;
        this.client = client;
        this.logins = logins;
        this.tokenLifetime = tokenLifetime;
        this.issuer = issuer;
    }

    @Mutation
    @Description("Exchanges username and password for a token. Repeated wrong passwords slow further attempts "
            + "(TOO_MANY_REQUESTS), per account and address and per address. One login per request. A wrong "
            + "username or password is a top-level UNAUTHENTICATED; a username or password longer than any can be "
            + "is a VALIDATION user error.")
    @Public
    public Uni<UserTypes.LoginPayload> login(@NonNull UserTypes.LoginInput input) {
        String username = input.username();
        String password = input.password();
        // refusals that cost nothing come before the throttle's state and before bcrypt
        if (!logins.first()) {
            return Uni.createFrom().failure(new ApiError.TooManyRequests("one login per request"));
        }
        if (username.length() > UserIds.MAX_USERNAME_LENGTH) {
            return refused(new ApiError.Validation("username", "at most " + UserIds.MAX_USERNAME_LENGTH + " characters"));
        }
        if (password.length() > Passwords.MAX_LENGTH) {
            return refused(new ApiError.Validation("password", "at most " + Passwords.MAX_LENGTH + " characters"));
        }
        String source = client.host();
        Duration wait = throttle.waitFor(username, source);
        if (!wait.isZero()) {
            return Uni.createFrom().failure(new ApiError.TooManyRequests(
                    "too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s"));
        }
        return users.byUsername(username).chain(found -> {
            String hash = found == null || !found.enabled ? null : found.passwordHash;
            return Passwords.matches(password, hash == null ? dummyHash() : hash)
                    .chain(ok -> {
                        if (!ok || hash == null) {
                            throttle.failed(username, source);
                            return Uni.createFrom().failure(new ApiError.Unauthenticated("wrong username or password"));
                        }
                        throttle.succeeded(username, source);
                        return issue(found);
                    });
        });
    }

    @Query
    @Description("Who you are logged in as.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    @NonNull
    public Uni<UserTypes.User> me() {
        return users.byId(user.userId()).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("your user is not in the read model yet"))
                : Uni.createFrom().item(UserTypes.User.of(view)));
    }

    /**
     * A token bound to the user's rights version now (from the event store, not the read model).
     * When the read model has not yet applied the user's last rights change (a password change a
     * moment ago on another node), the password just checked may be the old one: no token then.
     */
    private Uni<UserTypes.LoginPayload> issue(UserView view) {
        UserRights.Rights now = rights.current(view.id).filter(UserRights.Rights::enabled).orElse(null);
        if (now == null || now.version() > view.version) {
            return Uni.createFrom().failure(new ApiError.Unauthenticated("your account changed a moment ago; log in again"));
        }
        Instant expires = Instant.now().plus(tokenLifetime);
        var builder = Jwt.issuer(issuer).subject(view.id).upn(view.username)
                .groups(now.roles().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()))
                .claim(CurrentUser.RIGHTS_CLAIM, now.version()).expiresAt(expires);
        if (now.team() != null) {
            builder.claim(CurrentUser.TEAM_CLAIM, now.team());
        }
        return Uni.createFrom().item(new UserTypes.LoginPayload(builder.sign(), expires, UserTypes.User.of(view),
                List.of()));
    }

    /**
     * Input no account can have, as a user error: it costs no throttle state and no bcrypt, and
     * unlike a wrong password it tells nothing about any account.
     */
    private static Uni<UserTypes.LoginPayload> refused(ApiError.Validation error) {
        return Payloads.of(Uni.createFrom().failure(error), UserTypes.LoginPayload::refused);
    }

    private static String dummyHash() {
        return io.waihu.backend.users.Passwords.dummy();
    }
}
