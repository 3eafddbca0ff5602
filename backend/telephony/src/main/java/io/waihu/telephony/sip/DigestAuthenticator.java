package io.waihu.telephony.sip;

import io.waihu.telephony.SipAccount;
import io.waihu.telephony.SipAccounts;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;

/**
 * Server side of SIP digest authentication (RFC 3261 §22.4, RFC 7616 with MD5 and
 * {@code qop=auth}) for REGISTER (401/WWW-Authenticate) and for INVITEs from agents' phones
 * (407/Proxy-Authenticate).
 *
 * <p>Nonces are stateless so that any number of challenges costs no memory: a nonce is the issue
 * time plus an HMAC-SHA256 over it and the realm, keyed with a secret drawn at start-up. A nonce
 * with a good MAC but older than {@link #NONCE_LIFETIME} is <em>stale</em>: the phone knew the
 * password, so it is challenged again with {@code stale=true} (RFC 7616 §3.3) rather than counted
 * as a failure. Each nonce is unique (issue time and a sequence number).
 *
 * <p>Replays: the digest covers the method and the URI but not the Contact, so a REGISTER
 * captured on the wire (UDP is in clear) and sent again with another Contact would take the
 * agent's calls. So a nonce's count ({@code nc}) must rise with every use: the last count of each
 * nonce in use is kept until the nonce expires (memory grows only with successful
 * authentications), and a request that repeats or lowers it gets a fresh challenge, as if stale,
 * which only the holder of the password can answer. The digest's {@code uri} must name the
 * Request-URI's resource (RFC 7616 §3.4.6), so credentials for one request cannot be moved to
 * another.
 */
final class DigestAuthenticator {

    /** How long a nonce is accepted; a registration refresh usually comes long after, so it gets a new one. */
    static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private static final int MAC_BYTES = 16;

    private final String realm;
    private final SipAccounts accounts;
    private final Clock clock;
    private final SecretKeySpec key;
    private final java.util.concurrent.atomic.AtomicLong nonceSequence = new java.util.concurrent.atomic.AtomicLong();
    /** Nonce → {issued millis, highest nc seen}, for nonces that authenticated a request and have not expired. */
    private final java.util.concurrent.ConcurrentHashMap<String, long[]> nonceCounts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger uses = new java.util.concurrent.atomic.AtomicInteger();

    DigestAuthenticator(String realm, SipAccounts accounts, Clock clock) {
        this.realm = realm;
        this.accounts = accounts;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** What a request's credentials amount to. */
    sealed interface Outcome permits Missing, Stale, Failed, Verified {}

    /** No credentials for our realm: challenge (not a failure). */
    record Missing() implements Outcome {}

    /** Right password, expired nonce: challenge again with stale=true (not a failure). */
    record Stale() implements Outcome {}

    /** Wrong password, unknown user, forged or foreign nonce: a failure for {@code username}. */
    record Failed(String username, String why) implements Outcome {}

    /** The account the credentials prove. */
    record Verified(SipAccount account) implements Outcome {}

    /**
     * Checks the credentials in {@code headerName} ({@code Authorization} or
     * {@code Proxy-Authorization}) of a request.
     */
    Outcome check(Request request, String headerName) {
        AuthorizationHeader auth = ours(request, headerName);
        if (auth == null) {
            return new Missing();
        }
        String username = auth.getUsername();
        if (username == null || username.isEmpty()) {
            return new Failed("", "no username");
        }
        String algorithm = auth.getAlgorithm();
        if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
            return new Failed(username, "algorithm " + algorithm);
        }
        NonceState nonce = nonceState(auth.getNonce());
        if (nonce == NonceState.FORGED) {
            return new Failed(username, "nonce not ours");
        }
        Optional<SipAccount> account = accounts.find(username);
        if (account.isEmpty()) {
            return new Failed(username, "unknown user");
        }
        String qop = auth.getParameter("qop");
        if (qop != null && !qop.equalsIgnoreCase("auth")) {
            return new Failed(username, "qop " + qop);
        }
        String uri = auth.getParameter("uri");
        if (uri == null) {
            return new Failed(username, "no uri");
        }
        if (!sameResource(request.getRequestURI().toString(), uri)) {
            return new Failed(username, "digest uri " + uri + " is not the Request-URI");
        }
        long nc;
        try {
            nc = qop == null ? 1 : Long.parseLong(String.valueOf(auth.getParameter("nc")), 16);
        } catch (NumberFormatException e) {
            return new Failed(username, "bad nc");
        }
        String expected = DigestMath.response(account.get().ha1().toLowerCase(java.util.Locale.ROOT), auth.getNonce(),
                auth.getParameter("nc"), auth.getParameter("cnonce"), qop, request.getMethod(), uri);
        if (!DigestMath.same(expected, auth.getResponse())) {
            return new Failed(username, "wrong response");
        }
        if (nonce == NonceState.STALE || !countRises(auth.getNonce(), nc)) {
            return new Stale();
        }
        return new Verified(account.get());
    }

    /**
     * The digest username of a request's credentials for our realm ("" when they name none), or
     * null without any: whose password is being tried, known before it is checked, so a locked
     * account is refused without telling whether this guess was right.
     */
    String claimedUsername(Request request, String headerName) {
        AuthorizationHeader auth = ours(request, headerName);
        if (auth == null) {
            return null;
        }
        return auth.getUsername() == null ? "" : auth.getUsername();
    }

    private AuthorizationHeader ours(Request request, String headerName) {
        for (var it = request.getHeaders(headerName); it.hasNext(); ) {
            AuthorizationHeader candidate = (AuthorizationHeader) it.next();
            if (realm.equals(candidate.getRealm()) && "Digest".equalsIgnoreCase(candidate.getScheme())) {
                return candidate;
            }
        }
        return null;
    }

    /** A peer-chosen name as a log shows it: at most 64 characters. */
    static String shown(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    /**
     * Records {@code nc} as the nonce's count when it is higher than any seen before; false for a
     * repeated or lower count (a replay, or requests reordered on the wire: both get a fresh nonce).
     */
    private boolean countRises(String nonce, long nc) {
        long now = clock.millis();
        if (uses.incrementAndGet() % 1024 == 0) {
            nonceCounts.values().removeIf(v -> now - v[0] > NONCE_LIFETIME.toMillis());
        }
        boolean[] rose = {false};
        nonceCounts.compute(nonce, (k, v) -> {
            if (v == null) {
                rose[0] = true;
                return new long[] {issuedAt(nonce), nc};
            }
            if (nc > v[1]) {
                rose[0] = true;
                v[1] = nc;
            }
            return v;
        });
        return rose[0];
    }

    private static final java.util.regex.Pattern SIP_URI = java.util.regex.Pattern.compile(
            "^<?(sips?):(?:([^@;?>]*)@)?(\\[[^\\]]+\\]|[^:;?>]+)(?::(\\d+))?.*$", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * Whether the digest {@code uri} names the Request-URI's resource: same scheme and host
     * (case-insensitive), the same port where both give one, and the same user where the digest
     * names one. Phones are loose here: sipp, for one, puts {@code sip:host:port} in the digest of
     * an INVITE to {@code sip:number@host:port}; parameters come and go ({@code transport=}).
     * Non-SIP URIs must match exactly.
     */
    static boolean sameResource(String requestUri, String digestUri) {
        java.util.regex.Matcher r = SIP_URI.matcher(requestUri.trim());
        java.util.regex.Matcher d = SIP_URI.matcher(digestUri.trim());
        if (!r.matches() || !d.matches()) {
            return requestUri.trim().equals(digestUri.trim());
        }
        return r.group(1).equalsIgnoreCase(d.group(1))
                && (d.group(2) == null || d.group(2).equals(r.group(2)))
                && r.group(3).equalsIgnoreCase(d.group(3))
                && (r.group(4) == null || d.group(4) == null || r.group(4).equals(d.group(4)));
    }

    /** A fresh challenge header (WWW-Authenticate or, with {@code proxy}, Proxy-Authenticate). */
    WWWAuthenticateHeader challenge(HeaderFactory headers, boolean proxy, boolean stale) throws ParseException {
        WWWAuthenticateHeader h = proxy
                ? headers.createProxyAuthenticateHeader("Digest")
                : headers.createWWWAuthenticateHeader("Digest");
        h.setRealm(realm);
        h.setNonce(newNonce());
        h.setAlgorithm("MD5");
        h.setQop("auth");
        if (stale) {
            h.setStale(true);
        }
        return h;
    }

    enum NonceState { FRESH, STALE, FORGED }

    String newNonce() {
        long issued = clock.millis();
        long sequence = nonceSequence.incrementAndGet();
        ByteBuffer buf = ByteBuffer.allocate(16 + MAC_BYTES);
        buf.putLong(issued).putLong(sequence).put(mac(issued, sequence));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** The issue time of a nonce {@link #nonceState} accepted. */
    private static long issuedAt(String nonce) {
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce)).getLong();
    }

    NonceState nonceState(String nonce) {
        if (nonce == null) {
            return NonceState.FORGED;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return NonceState.FORGED;
        }
        if (raw.length != 16 + MAC_BYTES) {
            return NonceState.FORGED;
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        long issued = buf.getLong();
        long sequence = buf.getLong();
        if (!MessageDigest.isEqual(mac(issued, sequence), Arrays.copyOfRange(raw, 16, raw.length))) {
            return NonceState.FORGED;
        }
        long age = clock.millis() - issued;
        return age < 0 || age > NONCE_LIFETIME.toMillis() ? NonceState.STALE : NonceState.FRESH;
    }

    private byte[] mac(long issued, long sequence) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(ByteBuffer.allocate(16).putLong(issued).putLong(sequence).array());
            mac.update(realm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
