package io.waihu.backend.calls;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed, expiring links to recordings. A browser's {@code <audio src>} cannot send an
 * Authorization header, so the API, after checking who may hear a call, hands out a URL whose
 * signature (HMAC-SHA256 over call id, expiry and the user it was issued to) the recordings
 * endpoint verifies. The key is derived from the master key, so every node accepts every
 * node's links, and rotating the master key revokes them all.
 */
@Singleton
public class RecordingLinks {

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock = Clock.systemUTC();

    public RecordingLinks(@ConfigProperty(name = "waihu.crypto.master-key") String masterKeyBase64,
            @ConfigProperty(name = "waihu.recordings.link-lifetime", defaultValue = "PT1H") Duration lifetime) {
        this.key = derive(Base64.getDecoder().decode(masterKeyBase64.trim()));
        this.lifetime = lifetime;
    }

    /** A path (relative to the server root) that plays {@code callId}'s recording for {@code userId} until it expires. */
    public String link(String callId, String userId) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return "/recordings/" + callId + ".wav?u=" + userId + "&e=" + expires + "&s=" + sign(callId, userId, expires);
    }

    /** Whether a link's parts are genuine and unexpired. */
    public boolean valid(String callId, String userId, long expires, String signature) {
        if (callId == null || userId == null || signature == null
                || Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(sign(callId, userId, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String callId, String userId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal((callId + "\n" + userId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
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
