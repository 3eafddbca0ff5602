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
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.RegistrationListener;
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
    private final TelephonyConfig.Sip sip;
    private final TelephonyConfig.Media mediaConfig;
    private final TelephonyConfig.Calls timers;
    private final Instance<RegistrationListener> registrations;
    private RtpMediaEngine media;
    private SipGateway gateway;

    public Telephony(SipAccountDirectory accounts, Instance<CallAdmission> calls, TelephonyConfig.Sip sip,
            TelephonyConfig.Media media, TelephonyConfig.Calls timers, Instance<RegistrationListener> registrations) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.calls = calls;
        this.sip = sip;
        this.mediaConfig = media;
        this.timers = timers;
    }

    @PostConstruct
    void start() {
        try {
            InetAddress bind = InetAddress.getByName(sip.bindAddress());
            media = new RtpMediaEngine(new MediaConfig(bind, InetAddress.getByName(mediaConfig.advertisedAddress()),
                    mediaConfig.portMin(), mediaConfig.portMax(), mediaConfig.timeout(), Duration.ofSeconds(1),
                    Runtime.getRuntime().availableProcessors()));
            int sipPort = sip.port() != 0 ? sip.port() : freePort(bind);
            int wsPort = sip.wsPort() != 0 ? sip.wsPort() : freePort(bind);
            GatewayConfig gatewayConfig = GatewayConfig.defaults(sip.bindAddress(), sipPort, wsPort, accounts.realm())
                    .withAdvertisedHost(sip.advertisedAddress())
                    .withTimeouts(timers.agentAnswerTimeout(), timers.ringTimeout())
                    .withAuthThrottle(sip.authFailureLimit(), Duration.ofMinutes(5), sip.authLockout())
                    .withDeskPhoneMediaEncryption(sip.deskPhoneMediaEncryption());
            int wssPort = sip.wssPort() < 0 ? 0 : sip.wssPort() != 0 ? sip.wssPort() : freePort(bind);
            if (sip.tlsPort() != 0 || wssPort != 0) {
                gatewayConfig = gatewayConfig.withTls(sip.tlsPort(), wssPort, Path.of(sip.keystore().orElseThrow(() ->
                        new IllegalStateException("waihu.sip.tls-port / wss-port need waihu.sip.keystore"))),
                        sip.keystorePassword().orElse(null));
            }
            if (sip.trunkTrustStore().isPresent()) {
                gatewayConfig = gatewayConfig.withTrunkTrustStore(Path.of(sip.trunkTrustStore().get()),
                        sip.trunkTrustStorePassword().orElse(null));
            }
            gateway = SipGateway.start(gatewayConfig, accounts, this::admit, media);
            gateway.onRegistrations(new RegistrationListener() {
                @Override
                public void registered(String agentSipUser) {
                    registrations.forEach(listener -> listener.registered(agentSipUser));
                }

                @Override
                public void unregistered(String agentSipUser) {
                    registrations.forEach(listener -> listener.unregistered(agentSipUser));
                }
            });
        } catch (UnknownHostException e) {
            throw new IllegalStateException("waihu.sip.bind-address / advertised-address: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("the SIP gateway could not start (is the port taken?)", e);
        }
        LOG.infof("SIP gateway on %s: UDP/TCP %d, WebSocket %d%s; advertised as %s, media %s ports %s", sip.bindAddress(),
                udpPort(), wsPort(), wssPort() != null ? ", WSS " + wssPort() : "", sip.advertisedAddress(),
                mediaConfig.advertisedAddress(),
                mediaConfig.portMin() == 0 ? "ephemeral" : mediaConfig.portMin() + "-" + mediaConfig.portMax());
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
    public void dialCustomerFirst(io.waihu.telephony.CustomerFirstCall call, io.waihu.telephony.AgentPicker picker,
            CallListener listener) throws CallRefusedException {
        gateway.dialCustomerFirst(call, picker, listener);
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

    /** The SIP-over-secure-WebSocket port for softphones on HTTPS pages, or null when off. */
    public Integer wssPort() {
        int port = gateway.config().wssPort();
        return port == 0 ? null : port;
    }

    /** The configured WebSocket address for softphones, or null (then ws://<page host>:<wsPort>). */
    public String wsUri() {
        return sip.wsUri().orElse(null);
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
