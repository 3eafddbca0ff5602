package io.waihu.backend.api.support;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.users.UserViewProjection;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;

/**
 * Record-level visibility: admins and auditors see every customer and opportunity,
 * analysts every opportunity, supervisors those owned by their team, agents their own.
 */
@RequestScoped
public class RecordAccess {

    /** How a list is narrowed for the caller: by one owner, by one team, or not at all. */
    public record Scope(String ownerId, String team) {
        static final Scope ALL = new Scope(null, null);
    }

    private final CurrentUser user;
    private final UserViewProjection users;

    public RecordAccess(CurrentUser user, UserViewProjection users) {
        this.user = user;
        this.users = users;
    }

    public Scope listScope(boolean opportunities) {
        if (user.has(Role.ADMIN) || user.has(Role.AUDITOR) || (opportunities && user.has(Role.ANALYST))) {
            return Scope.ALL;
        }
        if (user.has(Role.SUPERVISOR) && user.team() != null) {
            return new Scope(null, user.team());
        }
        return new Scope(user.userId(), null);
    }

    /** Fails with FORBIDDEN unless the caller may see (or, when {@code write}, change) what {@code ownerId} owns. */
    public Uni<Void> requireOwnerAccess(String ownerId, boolean write, boolean opportunity) {
        if (user.has(Role.ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        if (!write && (user.has(Role.AUDITOR) || (opportunity && user.has(Role.ANALYST)))) {
            return Uni.createFrom().voidItem();
        }
        if (user.userId().equals(ownerId) && (user.has(Role.AGENT) || user.has(Role.SUPERVISOR))) {
            return Uni.createFrom().voidItem();
        }
        if (user.has(Role.SUPERVISOR) && user.team() != null) {
            return users.byId(ownerId).chain(owner -> owner != null && user.team().equals(owner.team)
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new ApiError.Forbidden("owned outside your team")));
        }
        return Uni.createFrom().failure(new ApiError.Forbidden("owned by someone else"));
    }

    /** Whom the caller may make the owner of a record: themselves, a team member (supervisor), anyone (admin). */
    public Uni<Void> requireAssignable(String ownerId) {
        if (user.userId().equals(ownerId) && (user.has(Role.ADMIN) || user.has(Role.AGENT)
                || user.has(Role.SUPERVISOR))) {
            // the caller exists: their token was issued for their user
            return Uni.createFrom().voidItem();
        }
        if (user.has(Role.ADMIN) || user.userId().equals(ownerId)) {
            return users.byId(ownerId).chain(owner -> owner != null ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new ApiError.Validation("ownerId", "no such user: " + ownerId)));
        }
        if (user.has(Role.SUPERVISOR) && user.team() != null) {
            return users.byId(ownerId).chain(owner -> owner != null && user.team().equals(owner.team)
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new ApiError.Forbidden("you can assign only to your team")));
        }
        return Uni.createFrom().failure(new ApiError.Forbidden("agents can own only their own records"));
    }
}
