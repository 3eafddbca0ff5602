package io.waihu.backend.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer token's RSA signature and claims once, not on every request: a client
 * sends the same token with every call for hours, and the verification (RSA, JSON parsing of
 * the claims) was a measurable share of a mutation's CPU. A token seen before is answered
 * from here until it expires. This says only that the token is genuine: whether it still speaks
 * for its user (not disabled, rights unchanged) is checked on every request by
 * {@link RightsAugmentor}. The cache is keyed by the exact token text, so only a token that passed the full
 * verification is ever served from it; it is bounded (emptied when full).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    private static final int MAX_TOKENS = 10_000;

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null && known.expiresAtMillis > now) {
            return known.principal;
        }
        JWTCallerPrincipal principal = verifier.parse(token, context);
        long expiresAtMillis = principal.getExpirationTime() * 1000;
        if (expiresAtMillis > now) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, new Verified(principal, expiresAtMillis));
        }
        return principal;
    }

    private record Verified(JWTCallerPrincipal principal, long expiresAtMillis) {
    }
}
