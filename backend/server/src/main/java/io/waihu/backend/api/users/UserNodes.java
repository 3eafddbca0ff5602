package io.waihu.backend.api.users;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.Node;
import io.waihu.backend.api.support.NodeResolver;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.users.UserView;
import io.waihu.projections.users.UserViewProjection;
import io.waihu.schema.users.Role;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Users for {@code node}/{@code nodes}, as {@code users} and {@code me} show them: admins see
 * everyone, supervisors their team, everyone themselves.
 */
@RequestScoped
public class UserNodes implements NodeResolver {

    private final UserViewProjection users;
    private final CurrentUser user;

    public UserNodes(UserViewProjection users, CurrentUser user) {
        this.users = users;
        this.user = user;
    }

    @Override
    public String aggregateType() {
        return "User";
    }

    @Override
    public Uni<Map<String, Node>> visible(List<String> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(users::byId)
                .filter(view -> view != null && visible(view))
                .collect().in(HashMap<String, Node>::new, (found, view) -> found.put(view.id, UserTypes.User.of(view)));
    }

    private boolean visible(UserView view) {
        return user.has(Role.ADMIN) || user.userId().equals(view.id)
                || user.has(Role.SUPERVISOR) && user.team() != null && Objects.equals(user.team(), view.team);
    }
}
