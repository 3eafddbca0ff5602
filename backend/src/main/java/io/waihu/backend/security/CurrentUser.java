package io.waihu.backend.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of this request, read from the verified JWT. */
@RequestScoped
public class CurrentUser {

    public static final String TEAM_CLAIM = "team";

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean authenticated() {
        return !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken;
    }

    public String userId() {
        return token().getSubject();
    }

    public String username() {
        return token().getName();
    }

    public String team() {
        Object team = token().getClaim(TEAM_CLAIM);
        return team == null ? null : team.toString().replaceAll("^\"|\"$", "");
    }

    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : token().getGroups()) {
            try {
                roles.add(Role.valueOf(group));
            } catch (IllegalArgumentException e) {
                // a group this version does not know grants nothing
            }
        }
        return roles;
    }

    public boolean has(Role role) {
        return authenticated() && roles().contains(role);
    }

    private JsonWebToken token() {
        return (JsonWebToken) identity.getPrincipal();
    }
}
