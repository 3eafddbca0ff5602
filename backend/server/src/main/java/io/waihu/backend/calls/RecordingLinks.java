package io.waihu.backend.calls;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import io.quarkus.vertx.http.HttpServer;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed, expiring links to recordings. A browser's {@code <audio src>} cannot send an
 * Authorization header, so the API, after checking who may hear a call, hands out a URL whose
 * signature (HMAC-SHA256 over call id, expiry, the user it was issued to and that user's rights
 * version) the recordings endpoint verifies. The endpoint also checks that the version is still
 * the user's current one, so a link dies with its user's rights: disabled, re-roled or a new
 * password. The key is derived from the master key, so every node accepts every node's links,
 * and rotating the master key revokes them all.
 *
 * <p>Links are absolute, on {@code waihu.public-url} (the address clients reach the server at,
 * behind a proxy or not), by default {@code http://localhost:<the HTTP port it listens on>}: a
 * link handed to a mobile app, a mail or an export must work without knowing which server
 * issued it.
 */
@Singleton
public class RecordingLinks {

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock = Clock.systemUTC();
    private final Optional<String> publicUrl;
    private final HttpServer server;

    public RecordingLinks(@ConfigProperty(name = "waihu.crypto.master-key") String masterKeyBase64,
            @ConfigProperty(name = "waihu.recordings.link-lifetime", defaultValue = "PT1H") Duration lifetime,
            @ConfigProperty(name = "waihu.public-url") Optional<String> publicUrl, HttpServer server) {
        this.key = derive(Base64.getDecoder().decode(masterKeyBase64.trim()));
        this.lifetime = lifetime;
        this.publicUrl = publicUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.server = server;
    }

    /** Where clients reach this server, without a trailing slash. */
    public String base() {
        // the port is read when a link is made: configured as 0 (tests), it is known only once the server listens
        return publicUrl.orElseGet(() -> "http://localhost:" + server.getPort());
    }

    /**
     * An absolute URL that plays {@code callId}'s recording for {@code userId}
     * until it expires or the user's rights move on from {@code rightsVersion}.
     */
    public String link(String callId, String userId, long rightsVersion) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return base() + "/recordings/" + callId + ".wav?u=" + userId + "&v=" + rightsVersion + "&e=" + expires + "&s="
                + sign(callId, userId, rightsVersion, expires);
    }

    /** Whether a link's parts are genuine and unexpired (whether its rights version is still current is the caller's check). */
    public boolean valid(String callId, String userId, long rightsVersion, long expires, String signature) {
        if (callId == null || userId == null || signature == null
                || Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(sign(callId, userId, rightsVersion, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String callId, String userId, long rightsVersion, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = callId + "\n" + userId + "\n" + rightsVersion + "\n" + expires;
            byte[] tag = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    private static byte[] derive(byte[] master) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal("waihu recording links v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
