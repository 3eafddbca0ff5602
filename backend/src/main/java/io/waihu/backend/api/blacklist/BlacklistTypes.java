package io.waihu.backend.api.blacklist;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of the do-not-call list. */
public final class BlacklistTypes {

    private BlacklistTypes() {
    }

    @Type("BlacklistEntry")
    public record BlacklistEntry(@NonNull String id, @NonNull String pattern, @NonNull String match,
            @NonNull String scope, String reason, Instant expiresAt,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
    }

    @Type("BlacklistCheck")
    public record BlacklistCheck(@NonNull String number, @NonNull boolean blacklisted, BlacklistEntry entry) {
    }
}
