package io.waihu.backend.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks every bearer token against the user's current rights, once per HTTP request or
 * WebSocket connection, whatever the entry point (GraphQL, subscriptions, recordings): a token
 * that is still the user's current one gets the rights attached ({@link CurrentUser} reads
 * them), any other is left without and counts as not logged in. Usually answered from memory;
 * a user this node has not seen yet is read on a worker thread.
 */
@ApplicationScoped
public class RightsAugmentor implements SecurityIdentityAugmentor {

    private final UserRights rights;

    public RightsAugmentor(UserRights rights) {
        this.rights = rights;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || token.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        Optional<UserRights.Rights> known = rights.cached(token.getSubject());
        if (known != null) {
            return Uni.createFrom().item(attach(identity, token, known));
        }
        return context.runBlocking(() -> attach(identity, token, rights.current(token.getSubject())));
    }

    private static SecurityIdentity attach(SecurityIdentity identity, JsonWebToken token,
            Optional<UserRights.Rights> now) {
        if (!UserRights.valid(now, CurrentUser.rightsVersionOf(token))) {
            return identity;
        }
        return QuarkusSecurityIdentity.builder(identity).addAttribute(CurrentUser.RIGHTS_ATTRIBUTE, now.get()).build();
    }
}
