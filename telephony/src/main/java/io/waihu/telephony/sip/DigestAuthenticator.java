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
 * as a failure. Nonce counts are not tracked, so a captured request could be replayed within the
 * nonce lifetime; over TLS/WSS that needs the TLS keys, over UDP the whole exchange is in clear anyway.
 */
final class DigestAuthenticator {

    /** How long a nonce is accepted; a registration refresh usually comes long after, so it gets a new one. */
    static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private static final int MAC_BYTES = 16;

    private final String realm;
    private final SipAccounts accounts;
    private final Clock clock;
    private final SecretKeySpec key;

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
        AuthorizationHeader auth = null;
        for (var it = request.getHeaders(headerName); it.hasNext(); ) {
            AuthorizationHeader candidate = (AuthorizationHeader) it.next();
            if (realm.equals(candidate.getRealm()) && "Digest".equalsIgnoreCase(candidate.getScheme())) {
                auth = candidate;
                break;
            }
        }
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
        String expected = DigestMath.response(account.get().ha1().toLowerCase(java.util.Locale.ROOT), auth.getNonce(),
                auth.getParameter("nc"), auth.getParameter("cnonce"), qop, request.getMethod(), uri);
        if (!DigestMath.same(expected, auth.getResponse())) {
            return new Failed(username, "wrong response");
        }
        return nonce == NonceState.STALE ? new Stale() : new Verified(account.get());
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
        ByteBuffer buf = ByteBuffer.allocate(8 + MAC_BYTES);
        buf.putLong(issued).put(mac(issued));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
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
        if (raw.length != 8 + MAC_BYTES) {
            return NonceState.FORGED;
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        long issued = buf.getLong();
        if (!MessageDigest.isEqual(mac(issued), Arrays.copyOfRange(raw, 8, raw.length))) {
            return NonceState.FORGED;
        }
        long age = clock.millis() - issued;
        return age < 0 || age > NONCE_LIFETIME.toMillis() ? NonceState.STALE : NonceState.FRESH;
    }

    private byte[] mac(long issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(ByteBuffer.allocate(8).putLong(issued).array());
            mac.update(realm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
