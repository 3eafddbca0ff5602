package io.waihu.telephony.sip;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.RegistrationListener;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The registrar (RFC 3261 §10.3): agents' phones REGISTER with digest credentials; bindings live
 * in memory on this node until they expire. A refresh or an {@code Expires: 0} updates one
 * contact, {@code Contact: *} with {@code Expires: 0} removes them all; the 200 lists what is
 * bound now. Each binding remembers the flow the REGISTER came on, which is how calls reach
 * browsers and phones behind NAT later.
 *
 * <p>Wrong passwords are counted per (digest username, source address) and per source address by
 * {@link AuthThrottle}; a locked pair or address gets 403 without a challenge, so guessing stays
 * slow. Every wrong credential gets the same 401, a right password for another To included.
 */
final class Registrar {

    private static final Logger LOG = Logger.getLogger(Registrar.class);
    private static final int DEFAULT_EXPIRES = 3600;

    private final SipContext sip;
    private final DigestAuthenticator digest;
    private final AuthThrottle throttle;
    private final Map<String, Map<String, Binding>> bindings = new ConcurrentHashMap<>();
    private volatile RegistrationListener listener = RegistrationListener.NONE;

    Registrar(SipContext sip, DigestAuthenticator digest, AuthThrottle throttle) {
        this.sip = sip;
        this.digest = digest;
        this.throttle = throttle;
    }

    /** Who hears of phones gained and lost. */
    void listen(RegistrationListener listener) {
        this.listener = listener;
    }

    /** The most recently refreshed live binding of an agent. */
    Optional<Binding> current(String user) {
        Instant now = sip.clock.instant();
        Map<String, Binding> contacts = bindings.get(user);
        if (contacts == null) {
            return Optional.empty();
        }
        return contacts.values().stream().filter(b -> b.live(now)).max(Comparator.comparing(Binding::registeredAt));
    }

    /** Forgets every binding of {@code user} (an agent who may no longer take calls). */
    void drop(String user) {
        boolean was = current(user).isPresent();
        if (bindings.remove(user) != null) {
            LOG.infof("%s's registrations dropped: the account may no longer use a phone", user);
        }
        tell(user, was);
    }

    /** Drops lapsed bindings (phones that vanished without unregistering). */
    void purge() {
        Instant now = sip.clock.instant();
        bindings.forEach((user, contacts) -> {
            if (contacts.values().removeIf(b -> !b.live(now)) && contacts.isEmpty()) {
                tell(user, true);
            }
        });
        bindings.values().removeIf(Map::isEmpty);
    }

    /** Tells the listener when {@code user} went from registered ({@code was}) to not, or back. */
    private void tell(String user, boolean was) {
        boolean is = current(user).isPresent();
        if (was == is) {
            return;
        }
        try {
            if (is) {
                listener.registered(user);
            } else {
                listener.unregistered(user);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "the registration listener failed for %s", user);
        }
    }

    void onRegister(RequestEvent event) throws SipException, ParseException, InvalidArgumentException {
        Request request = event.getRequest();
        ServerTransaction st = sip.serverTransaction(event);
        if (st == null) {
            return; // retransmission: the transaction answers it
        }
        LogContext context = LogContext.of("register", Messages.callIdOf(request));
        Flow flow = SipContext.flowOf(request, st);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        String user = to.getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
        if (user == null || user.isEmpty()) {
            sip.respond(st, Response.NOT_FOUND, "No user in To", context);
            return;
        }
        String claimed = digest.claimedUsername(request, AuthorizationHeader.NAME);
        if (claimed != null ? throttle.locked(claimed, flow.host()) : throttle.sourceLocked(flow.host())) {
            sip.respond(st, Response.FORBIDDEN, "Too many failed attempts", context);
            return;
        }
        DigestAuthenticator.Outcome outcome = digest.check(request, AuthorizationHeader.NAME);
        if (outcome instanceof DigestAuthenticator.Verified verified && verified.account().username().equals(user)) {
            throttle.success(claimed, flow.host());
            if (verified.account().barred()) {
                drop(user);
                sip.respond(st, Response.FORBIDDEN, "Account may not use a phone", context);
                return;
            }
            bind(st, request, user, flow, context);
            return;
        }
        // A right password for another To is a failure answered like any wrong one: a distinct
        // answer would confirm the guess.
        String why = outcome instanceof DigestAuthenticator.Failed failed ? failed.why()
                : outcome instanceof DigestAuthenticator.Verified ? "credentials for another user than To" : null;
        if (why != null) {
            String guessed = DigestAuthenticator.shown(claimed);
            if (throttle.failure(claimed, flow.host())) {
                ContextLogger.of(Registrar.class, context).warnf(
                        "%s from %s locked out after repeated failed digests (last: %s)", guessed, flow.host(), why);
                sip.respond(st, Response.FORBIDDEN, "Too many failed attempts", context);
                return;
            }
            ContextLogger.of(Registrar.class, context).infof("failed digest for %s from %s: %s", guessed, flow.host(), why);
        }
        Response challenge = sip.messages.createResponse(Response.UNAUTHORIZED, request);
        challenge.addHeader(digest.challenge(sip.headers, false, outcome instanceof DigestAuthenticator.Stale));
        sip.respond(st, challenge, context);
    }

    private void bind(ServerTransaction st, Request request, String user, Flow flow, LogContext context)
            throws ParseException, InvalidArgumentException {
        ExpiresHeader expiresHeader = request.getExpires();
        int defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : DEFAULT_EXPIRES;
        List<ContactHeader> contacts = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            contacts.add((ContactHeader) it.next());
        }
        Instant now = sip.clock.instant();
        if (contacts.stream().anyMatch(ContactHeader::isWildCard)) {
            if (contacts.size() != 1 || defaultExpires != 0) {
                sip.respond(st, Response.BAD_REQUEST, "Wildcard Contact needs Expires: 0 alone", context);
                return;
            }
            boolean was = current(user).isPresent();
            bindings.remove(user);
            ContextLogger.of(Registrar.class, context).infof("%s unregistered all contacts", user);
            sip.respond(st, ok(request, user), context);
            tell(user, was);
            return;
        }
        int minExpires = (int) sip.config.minRegistrationExpiry().toSeconds();
        for (ContactHeader contact : contacts) {
            int expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
            if (expires > 0 && expires < minExpires) {
                Response tooBrief = sip.messages.createResponse(Response.INTERVAL_TOO_BRIEF, request);
                tooBrief.addHeader(sip.headers.createMinExpiresHeader(minExpires));
                sip.respond(st, tooBrief, context);
                return;
            }
        }
        boolean was = current(user).isPresent();
        Map<String, Binding> mine = bindings.computeIfAbsent(user, u -> new ConcurrentHashMap<>());
        for (ContactHeader contact : contacts) {
            int expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
            String uri = contact.getAddress().getURI().toString();
            if (expires == 0) {
                mine.remove(uri);
            } else {
                long granted = Math.min(expires, sip.config.maxRegistrationExpiry().toSeconds());
                mine.put(uri, new Binding(user, uri, flow, now, now.plus(Duration.ofSeconds(granted))));
            }
        }
        ContextLogger.of(Registrar.class, context).debugf("%s registered via %s, %d contact(s)", user, flow, mine.size());
        sip.respond(st, ok(request, user), context);
        tell(user, was);
    }

    private Response ok(Request request, String user) throws ParseException, InvalidArgumentException {
        Response ok = sip.messages.createResponse(Response.OK, request);
        Instant now = sip.clock.instant();
        for (Binding b : bindings.getOrDefault(user, Map.of()).values()) {
            if (!b.live(now)) {
                continue;
            }
            ContactHeader contact = sip.headers.createContactHeader(
                    sip.addresses.createAddress(sip.addresses.createURI(b.contact())));
            contact.setExpires((int) Math.max(1, Duration.between(now, b.expiresAt()).toSeconds()));
            ok.addHeader(contact);
        }
        ok.addHeader(sip.headers.createDateHeader(java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("GMT"))));
        return ok;
    }

    int bindingCount() {
        return bindings.values().stream().mapToInt(Map::size).sum();
    }
}
