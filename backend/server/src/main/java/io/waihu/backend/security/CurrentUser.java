package io.waihu.backend.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request: who the verified JWT names, with the rights the user holds now
 * ({@link RightsAugmentor}). A token issued before the user's rights last changed (disabled,
 * re-roled, another team, a new password) authenticates nobody: its holder must log in again.
 */
@RequestScoped
public class CurrentUser {

    public static final String TEAM_CLAIM = "team";
    /** The rights version ({@link UserRights.Rights#version()}) a token was issued at. */
    public static final String RIGHTS_CLAIM = "rv";
    static final String RIGHTS_ATTRIBUTE = "waihu.rights";
    /** What a client is told when a token of a real user no longer counts. */
    public static final String LOG_IN_AGAIN = "your account was disabled or its rights or password changed since you "
            + "logged in; log in again";

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean authenticated() {
        return signed() && rights() != null;
    }

    /** A genuine, unexpired token whose user's rights changed since it was issued (or who was disabled). */
    public boolean outdated() {
        return signed() && rights() == null;
    }

    public String userId() {
        return token().getSubject();
    }

    public String username() {
        return token().getName();
    }

    /** The user's team now. */
    public String team() {
        return rights().team();
    }

    /** The user's roles now (the token's were the same when it was issued at this rights version). */
    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(rights().roles());
        return roles;
    }

    /** The rights version this request runs at: what links issued now are bound to. */
    public long rightsVersion() {
        return rights().version();
    }

    public boolean has(Role role) {
        return authenticated() && rights().roles().contains(role);
    }

    static Long rightsVersionOf(JsonWebToken token) {
        Object claim = token.getClaim(RIGHTS_CLAIM);
        if (claim instanceof Number n) {
            return n.longValue();
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        return null;
    }

    private boolean signed() {
        return !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken;
    }

    private UserRights.Rights rights() {
        return identity.getAttribute(RIGHTS_ATTRIBUTE);
    }

    private JsonWebToken token() {
        return (JsonWebToken) identity.getPrincipal();
    }
}
