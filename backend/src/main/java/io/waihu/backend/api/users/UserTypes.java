package io.waihu.backend.api.users;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import io.waihu.projections.users.UserView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of users and logins. */
public final class UserTypes {

    private UserTypes() {
    }

    @Type("User")
    public record User(@NonNull String id, @NonNull String username, @NonNull String displayName,
            @NonNull List<String> roles, String team, @NonNull boolean enabled, @NonNull int version,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
        public static User of(UserView v) {
            return of(v, true);
        }

        public static User of(UserView v, boolean inReadModel) {
            return new User(v.id, v.username, v.displayName, List.copyOf(v.roleSet()), v.team, v.enabled,
                    Math.toIntExact(v.version), inReadModel);
        }
    }

    @Type("LoginResult")
    public record LoginResult(@NonNull String token, @NonNull Instant expiresAt, @NonNull User user) {
    }
}
