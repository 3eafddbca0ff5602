package io.waihu.backend.telephony;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.waihu.telephony.MediaEncryption;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's settings, read and checked as objects when the application starts: a missing or
 * malformed value stops the start with the key's name, instead of twenty constructor parameters
 * that each fail on their own. Three mappings, one per prefix ({@code waihu.sip}, {@code
 * waihu.media}, {@code waihu.calls}): a mapping owns every key under its prefix and refuses
 * unknown ones, so the whole {@code waihu} tree cannot be one. The defaults live in {@code
 * application.properties}, with their reasons.
 */
public final class TelephonyConfig {

    private TelephonyConfig() {
    }

    /** SIP signalling: {@code waihu.sip.*}. */
    @ConfigMapping(prefix = "waihu.sip")
    public interface Sip {
        /** The address the SIP and WebSocket listeners bind. */
        String bindAddress();

        /** The address put in SIP headers (the gateway usually sits behind NAT). */
        String advertisedAddress();

        /** UDP and TCP (0: a free port, for tests). */
        int port();

        /** SIP over WebSocket (RFC 7118) for browser softphones (0: a free port). */
        int wsPort();

        /**
         * Secure WebSocket, for softphones on HTTPS pages (browsers refuse {@code ws:} there); 0: a
         * free port (tests), -1: off. Needs the keystore, which the first start makes.
         */
        int wssPort();

        /** SIP over TLS; 0 is off (needs the keystore). */
        int tlsPort();

        Optional<String> keystore();

        Optional<String> keystorePassword();

        /**
         * The WebSocket address softphones are told; unset means ws://(the page's host):(ws port), or
         * wss://(the page's host):(wss port) on an HTTPS page.
         */
        Optional<String> wsUri();

        /** CAs TLS trunks are verified against instead of the JVM's. */
        Optional<String> trunkTrustStore();

        Optional<String> trunkTrustStorePassword();

        /** The digest realm phones authenticate in (read by the account directory). */
        String realm();

        /** How long the account directory trusts what it read of an account (read by the directory). */
        @WithDefault("PT30S")
        Duration credentialsCache();

        /** Failed digest answers per account and address before it is locked out. */
        int authFailureLimit();

        Duration authLockout();

        /** What click-to-dial offers agents' desk phones (browsers always get DTLS-SRTP). */
        MediaEncryption deskPhoneMediaEncryption();
    }

    /** RTP media: {@code waihu.media.*}. */
    @ConfigMapping(prefix = "waihu.media")
    public interface Media {
        /** The address put in SDP and ICE candidates. */
        String advertisedAddress();

        /** The RTP port range (0: ephemeral ports). */
        int portMin();

        int portMax();

        /** A leg that sends no RTP for this long while not on hold ends the call. */
        Duration timeout();
    }

    /** Call timers: {@code waihu.calls.*}. */
    @ConfigMapping(prefix = "waihu.calls")
    public interface Calls {
        /** How long the customer's phone may ring. */
        Duration ringTimeout();

        /** How long the agent's phone may ring before the customer is dialed. */
        Duration agentAnswerTimeout();
    }
}
