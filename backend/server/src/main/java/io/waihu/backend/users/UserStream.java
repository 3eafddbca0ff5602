package io.waihu.backend.users;

import io.waihu.schema.users.Role;
import io.waihu.schema.users.UserChangedEvent;
import io.waihu.schema.users.UserCreatedEvent;
import io.waihu.schema.users.UserPasswordChangedEvent;
import io.waihu.schema.users.UserSipPasswordSetEvent;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A user as their own event stream says, read straight from the event store. The read model
 * ({@code user_view}) is written by a projection that may run on another node and lag; what a
 * user may do right now (log in, register a phone, use a token) must not lag, and a user's
 * stream is a handful of events behind one indexed read.
 */
public final class UserStream {

    private UserStream() {
    }

    /**
     * One user's state.
     *
     * @param rightsVersion the sequence number of the last event that changed what the user may
     *                      do: creation, roles, team, enabled, login password. A token carries the
     *                      value it was issued at; any other value means it is out of date. Display
     *                      name and SIP password changes leave it alone (agents provision their own
     *                      SIP password from the softphone while logged in).
     * @param sipPassword   plain (the event store unseals it), {@code null} until one is set
     * @param sequence      the sequence number of the stream's last event: of two reads racing, the
     *                      higher one is the newer state
     */
    public record UserState(String userId, String username, boolean enabled, Set<Role> roles, String team,
            String passwordHash, String sipPassword, long rightsVersion, long sequence) {
    }

    /** The user's state, empty when no such user exists. */
    public static Optional<UserState> read(EventStore events, String userId) {
        UserState state = null;
        var stream = events.readEvents(userId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            state = apply(state, message.getPayload(), message.getSequenceNumber());
        }
        return Optional.ofNullable(state);
    }

    static UserState apply(UserState s, Object payload, long sequence) {
        if (payload instanceof UserCreatedEvent c) {
            return new UserState(c.userId(), c.username(), true, Set.copyOf(c.roles()), c.team(), c.passwordHash(),
                    null, sequence, sequence);
        }
        if (s == null) {
            return null;
        }
        if (payload instanceof UserChangedEvent c) {
            boolean rights = c.roles() != null || c.team() != null || c.enabled() != null;
            return new UserState(s.userId(), s.username(), c.enabled() != null ? c.enabled() : s.enabled(),
                    c.roles() != null ? Set.copyOf(c.roles()) : s.roles(), c.team() != null ? c.team() : s.team(),
                    s.passwordHash(), s.sipPassword(), rights ? sequence : s.rightsVersion(), sequence);
        }
        if (payload instanceof UserPasswordChangedEvent p) {
            return new UserState(s.userId(), s.username(), s.enabled(), s.roles(), s.team(), p.passwordHash(),
                    s.sipPassword(), sequence, sequence);
        }
        if (payload instanceof UserSipPasswordSetEvent sip) {
            return new UserState(s.userId(), s.username(), s.enabled(), s.roles(), s.team(), s.passwordHash(),
                    sip.password(), s.rightsVersion(), sequence);
        }
        return s;
    }
}
