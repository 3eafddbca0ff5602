package io.waihu.projections.users;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Keyset;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Reads;
import io.waihu.projections.support.Storable;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.users.Role;
import io.waihu.schema.users.UserChangedEvent;
import io.waihu.schema.users.UserCreatedEvent;
import io.waihu.schema.users.UserPasswordChangedEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/** Users for login (username → hash) and for team scoping. */
@jakarta.inject.Singleton
@ProcessingGroup(UserViewProjection.GROUP)
public class UserViewProjection {

    public static final String GROUP = "user-view";
    public static final String MODEL = "user";

    private final Mutiny.SessionFactory sessions;
    private final ChangeFeed feed;

    public UserViewProjection(Mutiny.SessionFactory sessions, ChangeFeed feed) {
        this.sessions = sessions;
        this.feed = feed;
    }

    @EventHandler
    void on(UserCreatedEvent event, DomainEventMessage<?> message) {
        write(event.userId(), message, view -> {
            view.id = event.userId();
            view.username = event.username();
            view.displayName = Storable.line("user_view.display_name", event.displayName(), 200);
            view.passwordHash = event.passwordHash();
            view.roles = roles(event.roles());
            view.team = event.team();
            view.enabled = true;
        });
    }

    @EventHandler
    void on(UserChangedEvent event, DomainEventMessage<?> message) {
        write(event.userId(), message, view -> {
            if (event.displayName() != null) {
                view.displayName = Storable.line("user_view.display_name", event.displayName(), 200);
            }
            if (event.roles() != null) {
                view.roles = roles(event.roles());
            }
            if (event.team() != null) {
                view.team = event.team();
            }
            if (event.enabled() != null) {
                view.enabled = event.enabled();
            }
        });
    }

    @EventHandler
    void on(UserPasswordChangedEvent event, DomainEventMessage<?> message) {
        write(event.userId(), message, view -> view.passwordHash = event.passwordHash());
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(","));
    }

    private void write(String id, DomainEventMessage<?> message, Consumer<UserView> change) {
        VersionedWrites.write(sessions, UserView.class, id, message, UserView::new, view -> {
            change.accept(view);
            view.version = message.getSequenceNumber();
            view.updatedAt = message.getTimestamp();
        }, written -> feed.applied(ReadModelChange.of(MODEL, id, message)));
    }

    public Uni<UserView> byId(String id) {
        return Reads.read(sessions, session -> session.find(UserView.class, id));
    }

    public Uni<UserView> byUsername(String username) {
        return Reads.read(sessions, session -> session
                .createQuery("from UserView where username = :u", UserView.class)
                .setParameter("u", username).getSingleResultOrNull());
    }

    public Uni<List<UserView>> all(String team) {
        return Reads.read(sessions, session -> team == null
                ? session.createQuery("from UserView order by username", UserView.class).getResultList()
                : session.createQuery("from UserView where team = :t order by username", UserView.class)
                        .setParameter("t", team).getResultList());
    }

    /**
     * A page of users by username: everyone, one team's ({@code team}) or one user
     * ({@code userId}), whichever is given.
     */
    public Uni<Page<UserView>> page(String team, String userId, int size, String cursor, boolean backward) {
        return listOf(team, userId).page(sessions, size, cursor, backward);
    }

    /** How many users {@link #page} lists in all. */
    public Uni<Integer> count(String team, String userId) {
        return listOf(team, userId).count(sessions);
    }

    private static Keyset<UserView> listOf(String team, String userId) {
        String where = team != null ? "e.team = :t" : userId != null ? "e.id = :u" : "e.id is not null";
        Map<String, Object> parameters = team != null ? Map.of("t", team) : userId != null ? Map.of("u", userId)
                : Map.of();
        return new Keyset<>(UserView.class, where, parameters, "username", "id", u -> new String[] {u.username, u.id});
    }

    public Uni<Long> count() {
        return Reads.read(sessions, session -> session
                .createQuery("select count(*) from UserView", Long.class).getSingleResult());
    }
}
