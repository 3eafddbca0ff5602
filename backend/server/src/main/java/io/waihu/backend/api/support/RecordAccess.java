package io.waihu.backend.api.support;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.users.UserViewProjection;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;

/**
 * Record-level visibility: admins and auditors see every customer, opportunity and call,
 * analysts every opportunity and call, supervisors those owned by their team, agents their own.
 * Only admins, and supervisors and agents within that scope, change them.
 */
@RequestScoped
public class RecordAccess {

    /** The kinds of owned records, named rather than passed as flags: each has its own readers. */
    public enum RecordKind {
        CUSTOMER(false), OPPORTUNITY(true), CALL(true);

        private final boolean analystsRead;

        RecordKind(boolean analystsRead) {
            this.analystsRead = analystsRead;
        }
    }

    /** What the caller wants to do with a record. */
    public enum Access {
        READ, WRITE
    }

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

    public Scope listScope(RecordKind kind) {
        if (user.has(Role.ADMIN) || user.has(Role.AUDITOR) || (kind.analystsRead && user.has(Role.ANALYST))) {
            return Scope.ALL;
        }
        if (user.has(Role.SUPERVISOR) && user.team() != null) {
            return new Scope(null, user.team());
        }
        return new Scope(user.userId(), null);
    }

    /** Fails with FORBIDDEN unless the caller may {@code access} a record of {@code kind} that {@code ownerId} owns. */
    public Uni<Void> require(RecordKind kind, Access access, String ownerId) {
        if (user.has(Role.ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        if (access == Access.READ && (user.has(Role.AUDITOR) || (kind.analystsRead && user.has(Role.ANALYST)))) {
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

    /** Whether the caller may read such a record: for answers that leave out what the caller may not see. */
    public Uni<Boolean> mayRead(RecordKind kind, String ownerId) {
        return require(kind, Access.READ, ownerId).replaceWith(Boolean.TRUE)
                .onFailure(ApiError.Forbidden.class).recoverWithItem(Boolean.FALSE);
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
