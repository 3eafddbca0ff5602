package io.waihu.telephony.sip;

import io.waihu.telephony.MediaEncryption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the SIP gateway listens and behaves.
 *
 * <p>The gateway usually sits behind NAT: it binds {@code bindAddress} but writes
 * {@code advertisedHost} into Via sent-by and Contact, assuming the NAT forwards the same port
 * numbers. A port of 0 disables that transport where noted; tests bind free ephemeral ports.
 *
 * @param bindAddress           local address to bind (e.g. {@code 0.0.0.0} or {@code 127.0.0.1})
 * @param advertisedHost        host or address put in Via/Contact (the public side of the NAT)
 * @param sipPort               UDP and TCP port (desk phones and trunks)
 * @param tlsPort               TLS port for trunks and phones, 0 = off (needs a keystore)
 * @param wsPort                SIP over WebSocket (RFC 7118) port for browser softphones, 0 = off
 * @param wssPort               SIP over secure WebSocket port, 0 = off (needs a keystore)
 * @param keystore              PKCS#12/JKS keystore for TLS and WSS, or {@code null}
 * @param keystorePassword      the keystore's password, or {@code null}
 * @param realm                 digest realm agents' HA1 values were computed with
 * @param minRegistrationExpiry shorter registrations are answered 423 (RFC 3261 §10.3 step 7)
 * @param maxRegistrationExpiry longer registrations are shortened to this
 * @param agentAnswerTimeout    how long the agent's phone may ring before the call counts as AGENT_UNAVAILABLE
 * @param defaultRingTimeout    the customer ring timeout for calls whose plan has none (zero or negative)
 * @param authFailureLimit      failed digest attempts per (user, source address) before the lock-out
 * @param authFailureWindow     the window those failures are counted in
 * @param authLockout           how long a locked (user, source address) is answered 403 without a challenge
 * @param deskPhoneMediaEncryption whether our offers to agents' desk phones (click-to-dial, UDP/TCP/TLS
 *                              registrations) ask for SDES-SRTP; browsers always get DTLS-SRTP. Null = NONE
 * @param trunkTrustStore       PKCS#12/JKS store of the CA certificates TLS trunks are verified against, or
 *                              {@code null} for the JVM's CA certificates (it replaces them, it does not add)
 * @param trunkTrustStorePassword that store's password, or {@code null}
 */
public record GatewayConfig(
        String bindAddress,
        String advertisedHost,
        int sipPort,
        int tlsPort,
        int wsPort,
        int wssPort,
        Path keystore,
        String keystorePassword,
        String realm,
        Duration minRegistrationExpiry,
        Duration maxRegistrationExpiry,
        Duration agentAnswerTimeout,
        Duration defaultRingTimeout,
        int authFailureLimit,
        Duration authFailureWindow,
        Duration authLockout,
        MediaEncryption deskPhoneMediaEncryption,
        Path trunkTrustStore,
        String trunkTrustStorePassword) {

    public GatewayConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(minRegistrationExpiry, "minRegistrationExpiry");
        Objects.requireNonNull(maxRegistrationExpiry, "maxRegistrationExpiry");
        Objects.requireNonNull(agentAnswerTimeout, "agentAnswerTimeout");
        Objects.requireNonNull(defaultRingTimeout, "defaultRingTimeout");
        Objects.requireNonNull(authFailureWindow, "authFailureWindow");
        Objects.requireNonNull(authLockout, "authLockout");
        deskPhoneMediaEncryption = deskPhoneMediaEncryption == null ? MediaEncryption.NONE : deskPhoneMediaEncryption;
        checkPort("sipPort", sipPort, false);
        checkPort("tlsPort", tlsPort, true);
        checkPort("wsPort", wsPort, true);
        checkPort("wssPort", wssPort, true);
        if ((tlsPort != 0 || wssPort != 0) && keystore == null) {
            throw new IllegalArgumentException("TLS and WSS need a keystore");
        }
        if (minRegistrationExpiry.compareTo(maxRegistrationExpiry) > 0) {
            throw new IllegalArgumentException("minRegistrationExpiry > maxRegistrationExpiry");
        }
        if (authFailureLimit <= 0) {
            throw new IllegalArgumentException("authFailureLimit must be positive");
        }
    }

    private static void checkPort(String name, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }

    /**
     * Sensible defaults on one address: UDP/TCP on {@code sipPort}, WebSocket on {@code wsPort},
     * no TLS, registrations between 60 s and 1 h, 30 s for the agent to answer, 45 s customer ring
     * time, 5 failed digests in 5 minutes lock a (user, address) out for 15 minutes.
     */
    public static GatewayConfig defaults(String address, int sipPort, int wsPort, String realm) {
        return new GatewayConfig(address, address, sipPort, 0, wsPort, 0, null, null, realm,
                Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(45),
                5, Duration.ofMinutes(5), Duration.ofMinutes(15), MediaEncryption.NONE, null, null);
    }

    public GatewayConfig withAdvertisedHost(String host) {
        return new GatewayConfig(bindAddress, host, sipPort, tlsPort, wsPort, wssPort, keystore, keystorePassword,
                realm, minRegistrationExpiry, maxRegistrationExpiry, agentAnswerTimeout, defaultRingTimeout,
                authFailureLimit, authFailureWindow, authLockout, deskPhoneMediaEncryption, trunkTrustStore,
                trunkTrustStorePassword);
    }

    public GatewayConfig withTimeouts(Duration agentAnswer, Duration defaultRing) {
        return new GatewayConfig(bindAddress, advertisedHost, sipPort, tlsPort, wsPort, wssPort, keystore,
                keystorePassword, realm, minRegistrationExpiry, maxRegistrationExpiry, agentAnswer, defaultRing,
                authFailureLimit, authFailureWindow, authLockout, deskPhoneMediaEncryption, trunkTrustStore,
                trunkTrustStorePassword);
    }

    public GatewayConfig withAuthThrottle(int failureLimit, Duration window, Duration lockout) {
        return new GatewayConfig(bindAddress, advertisedHost, sipPort, tlsPort, wsPort, wssPort, keystore,
                keystorePassword, realm, minRegistrationExpiry, maxRegistrationExpiry, agentAnswerTimeout,
                defaultRingTimeout, failureLimit, window, lockout, deskPhoneMediaEncryption, trunkTrustStore,
                trunkTrustStorePassword);
    }

    public GatewayConfig withTls(int tls, int wss, Path keystoreFile, String password) {
        return new GatewayConfig(bindAddress, advertisedHost, sipPort, tls, wsPort, wss, keystoreFile, password,
                realm, minRegistrationExpiry, maxRegistrationExpiry, agentAnswerTimeout, defaultRingTimeout,
                authFailureLimit, authFailureWindow, authLockout, deskPhoneMediaEncryption, trunkTrustStore,
                trunkTrustStorePassword);
    }

    /** A copy whose offers to desk phones use this media encryption. */
    public GatewayConfig withDeskPhoneMediaEncryption(MediaEncryption encryption) {
        return new GatewayConfig(bindAddress, advertisedHost, sipPort, tlsPort, wsPort, wssPort, keystore,
                keystorePassword, realm, minRegistrationExpiry, maxRegistrationExpiry, agentAnswerTimeout,
                defaultRingTimeout, authFailureLimit, authFailureWindow, authLockout, encryption, trunkTrustStore,
                trunkTrustStorePassword);
    }

    /**
     * A copy whose TLS trunks are verified against the CA certificates in this store instead of the
     * JVM's (a carrier whose certificate comes from a private CA).
     */
    public GatewayConfig withTrunkTrustStore(Path store, String password) {
        return new GatewayConfig(bindAddress, advertisedHost, sipPort, tlsPort, wsPort, wssPort, keystore,
                keystorePassword, realm, minRegistrationExpiry, maxRegistrationExpiry, agentAnswerTimeout,
                defaultRingTimeout, authFailureLimit, authFailureWindow, authLockout, deskPhoneMediaEncryption, store,
                password);
    }

    /** The port this gateway listens on for a transport (UDP, TCP, TLS, WS, WSS; case-insensitive). */
    int portFor(String transport) {
        return switch (transport.toUpperCase(java.util.Locale.ROOT)) {
            case "TLS" -> tlsPort;
            case "WS" -> wsPort;
            case "WSS" -> wssPort;
            default -> sipPort;
        };
    }

    @Override
    public String toString() {
        // never print the keystore password
        return "GatewayConfig[bind=" + bindAddress + " advertised=" + advertisedHost + " sip=" + sipPort + " tls="
                + tlsPort + " ws=" + wsPort + " wss=" + wssPort + " realm=" + realm + "]";
    }
}
