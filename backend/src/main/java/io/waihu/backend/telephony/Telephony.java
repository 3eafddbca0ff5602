package io.waihu.backend.telephony;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.CallControl;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.CallRefusedException;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.MediaEncryption;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.sip.GatewayConfig;
import io.waihu.telephony.sip.SipGateway;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the telephony gateway (SIP + media, module {@code telephony}) with the application and
 * stops it with it. It is the application's {@link CallControl}; calls dialed on phones are
 * admitted by the calls capability's {@link CallAdmission}, looked up lazily because that
 * service in turn needs this gateway (and by its port type, so this package does not depend
 * on the calls package that depends on it).
 */
@Startup
@Singleton
public class Telephony implements CallControl {

    private static final Logger LOG = Logger.getLogger(Telephony.class);

    private final SipAccountDirectory accounts;
    private final Instance<CallAdmission> calls;
    private final String bindAddress;
    private final String advertisedAddress;
    private final String mediaAddress;
    private final int configuredSipPort;
    private final int configuredWsPort;
    private final int wssPort;
    private final int tlsPort;
    private final Optional<String> keystore;
    private final Optional<String> keystorePassword;
    private final Optional<String> wsUri;
    private final Optional<String> trunkTrustStore;
    private final Optional<String> trunkTrustStorePassword;
    private final int mediaPortMin;
    private final int mediaPortMax;
    private final Duration mediaTimeout;
    private final Duration ringTimeout;
    private final Duration agentAnswerTimeout;
    private final int authFailureLimit;
    private final Duration authLockout;
    private final MediaEncryption deskPhoneMediaEncryption;
    private RtpMediaEngine media;
    private SipGateway gateway;

    public Telephony(SipAccountDirectory accounts, Instance<CallAdmission> calls,
            @ConfigProperty(name = "waihu.sip.bind-address") String bindAddress,
            @ConfigProperty(name = "waihu.sip.advertised-address") String advertisedAddress,
            @ConfigProperty(name = "waihu.media.advertised-address") String mediaAddress,
            @ConfigProperty(name = "waihu.sip.port") int sipPort,
            @ConfigProperty(name = "waihu.sip.ws-port") int wsPort,
            @ConfigProperty(name = "waihu.sip.wss-port") int wssPort,
            @ConfigProperty(name = "waihu.sip.tls-port") int tlsPort,
            @ConfigProperty(name = "waihu.sip.keystore") Optional<String> keystore,
            @ConfigProperty(name = "waihu.sip.keystore-password") Optional<String> keystorePassword,
            @ConfigProperty(name = "waihu.sip.ws-uri") Optional<String> wsUri,
            @ConfigProperty(name = "waihu.sip.trunk-trust-store") Optional<String> trunkTrustStore,
            @ConfigProperty(name = "waihu.sip.trunk-trust-store-password") Optional<String> trunkTrustStorePassword,
            @ConfigProperty(name = "waihu.media.port-min") int mediaPortMin,
            @ConfigProperty(name = "waihu.media.port-max") int mediaPortMax,
            @ConfigProperty(name = "waihu.media.timeout") Duration mediaTimeout,
            @ConfigProperty(name = "waihu.calls.ring-timeout") Duration ringTimeout,
            @ConfigProperty(name = "waihu.calls.agent-answer-timeout") Duration agentAnswerTimeout,
            @ConfigProperty(name = "waihu.sip.auth-failure-limit") int authFailureLimit,
            @ConfigProperty(name = "waihu.sip.auth-lockout") Duration authLockout,
            @ConfigProperty(name = "waihu.sip.desk-phone-media-encryption") MediaEncryption deskPhoneMediaEncryption) {
        this.accounts = accounts;
        this.calls = calls;
        this.bindAddress = bindAddress;
        this.advertisedAddress = advertisedAddress;
        this.mediaAddress = mediaAddress;
        this.configuredSipPort = sipPort;
        this.configuredWsPort = wsPort;
        this.wssPort = wssPort;
        this.tlsPort = tlsPort;
        this.keystore = keystore;
        this.keystorePassword = keystorePassword;
        this.wsUri = wsUri;
        this.trunkTrustStore = trunkTrustStore;
        this.trunkTrustStorePassword = trunkTrustStorePassword;
        this.mediaPortMin = mediaPortMin;
        this.mediaPortMax = mediaPortMax;
        this.mediaTimeout = mediaTimeout;
        this.ringTimeout = ringTimeout;
        this.agentAnswerTimeout = agentAnswerTimeout;
        this.authFailureLimit = authFailureLimit;
        this.authLockout = authLockout;
        this.deskPhoneMediaEncryption = deskPhoneMediaEncryption;
    }

    @PostConstruct
    void start() {
        try {
            InetAddress bind = InetAddress.getByName(bindAddress);
            media = new RtpMediaEngine(new MediaConfig(bind, InetAddress.getByName(mediaAddress), mediaPortMin,
                    mediaPortMax, mediaTimeout, Duration.ofSeconds(1), Runtime.getRuntime().availableProcessors()));
            int sipPort = configuredSipPort != 0 ? configuredSipPort : freePort(bind);
            int wsPort = configuredWsPort != 0 ? configuredWsPort : freePort(bind);
            GatewayConfig config = GatewayConfig.defaults(bindAddress, sipPort, wsPort, accounts.realm())
                    .withAdvertisedHost(advertisedAddress)
                    .withTimeouts(agentAnswerTimeout, ringTimeout)
                    .withAuthThrottle(authFailureLimit, Duration.ofMinutes(5), authLockout)
                    .withDeskPhoneMediaEncryption(deskPhoneMediaEncryption);
            if (tlsPort != 0 || wssPort != 0) {
                config = config.withTls(tlsPort, wssPort, java.nio.file.Path.of(keystore.orElseThrow(() ->
                        new IllegalStateException("waihu.sip.tls-port / wss-port need waihu.sip.keystore"))),
                        keystorePassword.orElse(null));
            }
            if (trunkTrustStore.isPresent()) {
                config = config.withTrunkTrustStore(java.nio.file.Path.of(trunkTrustStore.get()),
                        trunkTrustStorePassword.orElse(null));
            }
            gateway = SipGateway.start(config, accounts, this::admit, media);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("waihu.sip.bind-address / advertised-address: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("the SIP gateway could not start (is the port taken?)", e);
        }
        LOG.infof("SIP gateway on %s: UDP/TCP %d, WebSocket %d%s; advertised as %s, media %s ports %s", bindAddress,
                udpPort(), wsPort(), wssPort != 0 ? ", WSS " + wssPort : "", advertisedAddress, mediaAddress,
                mediaPortMin == 0 ? "ephemeral" : mediaPortMin + "-" + mediaPortMax);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (media != null) {
            media.close();
            media = null;
        }
    }

    private CompletionStage<CallAdmission.Decision> admit(io.waihu.telephony.SipAccount agent, String dialed) {
        return calls.get().admit(agent, dialed);
    }

    @Override
    public void dial(OutboundCall call, CallListener listener) throws CallRefusedException {
        gateway.dial(call, listener);
    }

    @Override
    public void hangup(String callId, HangupBy by) {
        gateway.hangup(callId, by);
    }

    @Override
    public void unregister(String agentSipUser) {
        gateway.unregister(agentSipUser);
    }

    @Override
    public boolean isRegistered(String agentSipUser) {
        return gateway.isRegistered(agentSipUser);
    }

    @Override
    public int channelsInUse(String trunkId) {
        return gateway.channelsInUse(trunkId);
    }

    @Override
    public Optional<LegStats> stats(String callId, Leg leg) {
        return gateway.stats(callId, leg);
    }

    @Override
    public Optional<RecordingInfo> recoverRecording(Path file) throws IOException {
        return gateway.recoverRecording(file);
    }

    /** The UDP/TCP port phones and trunks reach the gateway on. */
    public int udpPort() {
        return gateway.config().sipPort();
    }

    /** The SIP-over-WebSocket port for browser softphones. */
    public int wsPort() {
        return gateway.config().wsPort();
    }

    /** The configured WebSocket address for softphones, or null (then ws://<page host>:<wsPort>). */
    public String wsUri() {
        return wsUri.orElse(null);
    }

    public int activeCalls() {
        return gateway.activeCalls();
    }

    /** A port free for both UDP and TCP right now (configured as 0: tests, several instances on one host). */
    private static int freePort(InetAddress bind) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(bind, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(bind, port))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    LOG.debugf("port %d is free for TCP but not UDP, trying another", port);
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + bind);
    }
}
