package io.waihu.telephony.sip;

import io.waihu.telephony.AgentPicker;
import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.CallControl;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.CallRefusedException;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.CustomerFirstCall;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.SipAccounts;
import io.waihu.telephony.media.MediaEngine;
import io.waihu.telephony.media.MediaSession;
import io.waihu.telephony.media.Prompt;
import io.waihu.telephony.media.RecordingRepair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.jboss.logging.Logger;

/**
 * The SIP side of Waihu's B2BUA gateway, on the JAIN-SIP reference implementation.
 *
 * <p>Listens on UDP and TCP ({@code sipPort}), optionally TLS, and SIP over WebSocket (RFC 7118)
 * for browsers. Serves as registrar for agents' phones ({@link Registrar}), places click-to-dial
 * calls ({@link #dial}), takes calls agents dial from their phones (authenticated with 407, then
 * {@link CallAdmission}), and reports every call to its {@link CallListener}.
 *
 * <p>Stack choices, and why:
 * <ul>
 * <li>Transactions are always stateful, so RFC 3261 §17 retransmissions and timers (A/B/E/F on
 * UDP, G/H for our final responses, 2xx retransmission until ACK in the dialog layer) come from
 * the stack.
 * <li>{@code AUTOMATIC_DIALOG_SUPPORT=off}: only INVITEs make dialogs, and only when a call asks
 * for one ({@code getNewDialog}); REGISTER and OPTIONS stay dialog-free. The stack still ACKs
 * retransmitted 2xx and answers out-of-order CSeqs (automatic dialog error handling stays on).
 * <li>{@code IS_BACK_TO_BACK_USER_AGENT=true}: the stack holds back a re-INVITE on a dialog until
 * the previous INVITE's ACK went out, as a B2BUA needs (RFC 3261 §14.1).
 * <li>{@code REENTRANT_LISTENER=true} with a thread pool: the listener only routes events to the
 * call's own serial executor, so calls do not wait on each other.
 * <li>{@code USE_ROUTER_FOR_ALL_URIS} with {@link FlowRouter}: requests to agents' phones follow
 * the registered flow (NAT, WebSocket), not the Contact.
 * <li>NIO message processors: required for the WebSocket transport.
 * <li>Logging through {@link JbossStackLogger}/{@link JbossServerLogger} (JBoss Logging, as all
 * our code; log4j is excluded from the build).
 * </ul>
 */
public final class SipGateway implements CallControl, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SipGateway.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    /** The receive and send buffer the SIP UDP socket asks the kernel for. */
    static final int UDP_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final GatewayConfig config;
    private final SipStack stack;
    private int udpPort;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final SipContext sip;
    private final CallRegistry registry = new CallRegistry();
    private final PromptCache prompts = new PromptCache();
    private final Registrar registrar;
    private final AuthThrottle throttle;
    private final MediaEngine media;
    private volatile boolean closed;

    private SipGateway(GatewayConfig config, SipAccounts accounts, CallAdmission admission, MediaEngine media)
            throws IOException {
        this.config = config;
        this.media = media;
        String name = "waihu-sip-" + STACKS.incrementAndGet();
        this.workers = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                threads(name + "-call"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads(name + "-timer"));
        Clock clock = Clock.systemUTC();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(stackProperties(name, config));
            OutboundConnections.onOutboundClosed(stack, peer -> {
                for (B2buaCall call : closed ? List.<B2buaCall>of() : registry.all()) {
                    call.executor.execute(() -> call.onOutboundConnectionLost(peer));
                }
            });
            List<ListeningPoint> points = new ArrayList<>();
            points.add(stack.createListeningPoint(config.bindAddress(), config.sipPort(), ListeningPoint.UDP));
            points.add(stack.createListeningPoint(config.bindAddress(), config.sipPort(), ListeningPoint.TCP));
            if (config.tlsPort() > 0) {
                points.add(stack.createListeningPoint(config.bindAddress(), config.tlsPort(), ListeningPoint.TLS));
            }
            if (config.wsPort() > 0) {
                points.add(stack.createListeningPoint(config.bindAddress(), config.wsPort(), "WS"));
            }
            if (config.wssPort() > 0) {
                points.add(stack.createListeningPoint(config.bindAddress(), config.wssPort(), "WSS"));
            }
            SipProvider provider = stack.createSipProvider(points.get(0));
            for (ListeningPoint lp : points.subList(1, points.size())) {
                provider.addListeningPoint(lp);
            }
            FlowRouter router = (FlowRouter) ((gov.nist.javax.sip.SipStackImpl) stack).getRouter();
            sip = new SipContext(provider, factory.createMessageFactory(), factory.createHeaderFactory(),
                    factory.createAddressFactory(), config, router, workers, scheduler, clock);
            DigestAuthenticator digest = new DigestAuthenticator(config.realm(), accounts, clock);
            throttle = new AuthThrottle(config.authFailureLimit(), config.authFailureWindow(), config.authLockout(), clock);
            registrar = new Registrar(sip, digest, throttle);
            provider.addSipListener(new SipDispatcher(sip, registry, registrar, digest, throttle, admission, media));
            stack.start();
            udpPort = points.get(0).getPort();
        } catch (javax.sip.SipException | java.util.TooManyListenersException | javax.sip.InvalidArgumentException e) {
            shutdownExecutors();
            throw new IOException("SIP stack failed to start on " + config, e);
        }
        UdpReadiness.await(config, udpPort);
        scheduler.scheduleWithFixedDelay(this::housekeeping, 30, 30, TimeUnit.SECONDS);
        LOG.infof("SIP gateway listening: %s", config);
    }

    /**
     * Binds the configured ports and starts serving.
     *
     * @throws IOException when a port cannot be bound or the stack cannot start
     */
    public static SipGateway start(GatewayConfig config, SipAccounts accounts, CallAdmission admission,
            MediaEngine media) throws IOException {
        return new SipGateway(config, accounts, admission, media);
    }

    private static Properties stackProperties(String name, GatewayConfig config) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JbossStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JbossServerLogger.class.getName());
        // the stack's NIO processors, with outbound TCP/TLS connections cached as the stack means to
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", OutboundConnections.class.getName());
        p.setProperty("gov.nist.javax.sip.NIO_BLOCKING_MODE", "NONBLOCKING");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.IS_BACK_TO_BACK_USER_AGENT", "true");
        p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // a 400 for garbage says "malformed", not what the parser thought of it
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", TerseParseErrors.class.getName());
        // bounds what a TCP/WS peer can make us buffer for one message
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        // The stack sets SO_RCVBUF/SO_SNDBUF of its UDP socket to 64 KiB unless told otherwise: the
        // kernel doubles that to 128 KiB, ~60 SIP datagrams (each costs its skb, ~2 KiB). At 200 calls/s
        // (~3000 datagrams/s) the one thread reading that socket need only be held up ~20 ms (GC,
        // a busy CPU) for the kernel to drop 180s and 200s: INVITEs are retransmitted, peers give
        // up, agents "do not answer". The kernel caps what we ask at net.core.rmem_max/wmem_max.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_SOCKET_BUFFER_BYTES));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(UDP_SOCKET_BUFFER_BYTES));
        // Left on, the stack rewrites a WebSocket client's ".invalid" Via (and Contact) to its socket
        // address; SIP.js and JsSIP then drop every response because the Via sent-by is not theirs
        // (RFC 3261 §18.1.2). Requests to agents follow the registration's flow, not these headers.
        p.setProperty("gov.nist.javax.sip.PATCH_SIP_WEBSOCKETS_HEADERS", "false");
        if (config.keystore() != null) {
            p.setProperty("javax.net.ssl.keyStore", config.keystore().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", config.keystorePassword() == null ? "" : config.keystorePassword());
            p.setProperty("javax.net.ssl.keyStoreType",
                    config.keystore().toString().endsWith(".jks") ? "JKS" : "PKCS12");
            // Without a trunk trust store TLS trunks are verified against the JVM's CA certificates
            // (a carrier's certificate is not ours). Phones and browsers present no client certificate.
            if (config.trunkTrustStore() != null) {
                p.setProperty("javax.net.ssl.trustStore", config.trunkTrustStore().toString());
                p.setProperty("javax.net.ssl.trustStorePassword",
                        config.trunkTrustStorePassword() == null ? "" : config.trunkTrustStorePassword());
                p.setProperty("javax.net.ssl.trustStoreType",
                        config.trunkTrustStore().toString().endsWith(".jks") ? "JKS" : "PKCS12");
            }
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            // the stack checks the chain only: the trunk's certificate must also name the trunk host
            p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", PeerCertificatePolicy.class.getName());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
            // The stack's own default list is RSA key exchange, 3DES and anonymous DH: no forward
            // secrecy, and no suite at all for an EC certificate (the handshake fails with "no cipher
            // suites in common"). These are TLS 1.3 and ECDHE + AEAD for TLS 1.2.
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", TLS_CIPHER_SUITES));
        }
        return p;
    }

    /** TLS 1.3 suites, then TLS 1.2 with ECDHE and AEAD (ECDSA and RSA certificates). */
    static final List<String> TLS_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void housekeeping() {
        try {
            registrar.purge();
            throttle.purge();
        } catch (RuntimeException e) {
            LOG.warn("SIP housekeeping failed", e);
        }
    }

    // ---------------------------------------------------------------- CallControl

    @Override
    public void dial(OutboundCall call, CallListener listener) throws CallRefusedException {
        if (closed) {
            throw new CallRefusedException(CallResult.FAILED, "gateway is shutting down");
        }
        if (call.trunk().transport() == io.waihu.telephony.SipTransport.TLS && config.tlsPort() == 0) {
            throw new CallRefusedException(CallResult.FAILED, "trunk " + call.trunk().id()
                    + " uses TLS, but this gateway has no TLS listener (set a TLS port and a keystore)");
        }
        Binding binding = registrar.current(call.agentSipUser()).orElseThrow(() -> new CallRefusedException(
                CallResult.AGENT_UNAVAILABLE, "agent " + call.agentSipUser() + " is not registered"));
        if (!registry.tryAcquire(call.trunk())) {
            throw new CallRefusedException(CallResult.CONGESTION,
                    "trunk " + call.trunk().id() + " has all " + call.trunk().maxChannels() + " channels in use");
        }
        B2buaCall b2bua = new B2buaCall(sip, registry, media, LogContext.call(call.callId()));
        if (!registry.register(call.callId(), b2bua)) {
            registry.release(call.trunk().id());
            throw new CallRefusedException(CallResult.FAILED, "call " + call.callId() + " is already live");
        }
        FutureTask<Void> start = new FutureTask<>(() -> {
            AgentFirstSetup.start(b2bua, call, listener, binding);
            return null;
        });
        startOnCall(b2bua, call.callId(), start, "could not INVITE the agent");
    }

    @Override
    public void dialCustomerFirst(CustomerFirstCall call, AgentPicker picker, CallListener listener)
            throws CallRefusedException {
        if (closed) {
            throw new CallRefusedException(CallResult.FAILED, "gateway is shutting down");
        }
        Prompt abandon;
        Prompt disclosure;
        try {
            abandon = prompts.abandon(call.abandonPrompt());
            disclosure = call.disclosurePrompt() == null ? null : prompts.get(call.disclosurePrompt());
        } catch (IOException e) {
            throw new CallRefusedException(CallResult.FAILED, "prompt unusable: " + e.getMessage());
        }
        int first = -1;
        List<io.waihu.telephony.TrunkSpec> trunks = call.trunks();
        for (int i = 0; i < trunks.size() && first < 0; i++) {
            boolean usable = trunks.get(i).transport() != io.waihu.telephony.SipTransport.TLS || config.tlsPort() > 0;
            if (usable && registry.tryAcquire(trunks.get(i))) {
                first = i;
            }
        }
        if (first < 0) {
            throw new CallRefusedException(CallResult.CONGESTION, "no trunk of " + trunks.size()
                    + " has a free channel (or a usable transport)");
        }
        B2buaCall b2bua = new B2buaCall(sip, registry, media, LogContext.call(call.callId()));
        if (!registry.register(call.callId(), b2bua)) {
            registry.release(trunks.get(first).id());
            throw new CallRefusedException(CallResult.FAILED, "call " + call.callId() + " is already live");
        }
        int firstTrunk = first;
        FutureTask<Void> start = new FutureTask<>(() -> {
            CustomerFirstSetup.start(b2bua, call, firstTrunk, picker, listener, registrar::current,
                    registry::tryAcquire, abandon, disclosure);
            return null;
        });
        startOnCall(b2bua, call.callId(), start, "could not INVITE the customer");
    }

    /** Runs a call's start on its executor and waits for the first INVITE to be on its way. */
    private void startOnCall(B2buaCall b2bua, String callId, FutureTask<Void> start, String failure)
            throws CallRefusedException {
        b2bua.executor.execute(start);
        try {
            start.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            b2bua.log().warnf(cause, failure);
            b2bua.executor.execute(b2bua::endUnreported);
            registry.unregister(callId, b2bua);
            throw new CallRefusedException(CallResult.FAILED, failure + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b2bua.executor.execute(() -> b2bua.hangup(HangupBy.SYSTEM, "dial interrupted"));
        }
    }

    @Override
    public void hangup(String callId, HangupBy by) {
        B2buaCall call = registry.find(callId);
        if (call != null) {
            call.executor.execute(() -> call.hangup(by, "Hangup by " + by.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Override
    public void unregister(String agentSipUser) {
        registrar.drop(agentSipUser);
    }

    @Override
    public void onRegistrations(io.waihu.telephony.RegistrationListener listener) {
        registrar.listen(listener);
    }

    @Override
    public boolean isRegistered(String agentSipUser) {
        return registrar.current(agentSipUser).isPresent();
    }

    @Override
    public Optional<LegStats> stats(String callId, Leg leg) {
        B2buaCall call = registry.find(callId);
        MediaSession session = call == null ? null : call.media();
        return session == null ? Optional.empty() : Optional.of(session.stats(leg));
    }

    @Override
    public Optional<RecordingInfo> recoverRecording(Path file) throws IOException {
        return RecordingRepair.repair(file);
    }

    /** Calls not yet ended. */
    public int activeCalls() {
        return registry.activeCalls();
    }

    /** Channels in use on a trunk right now. */
    @Override
    public int channelsInUse(String trunkId) {
        return registry.channelsInUse(trunkId);
    }

    /** The configuration this gateway runs with. */
    public GatewayConfig config() {
        return config;
    }

    int indexedLegs() {
        return registry.indexedLegs();
    }

    int pinnedFlows() {
        return sip.router.pinned();
    }

    /** The stack's provider, factories and executors, for tests that drive one leg alone. */
    SipContext context() {
        return sip;
    }

    /** Hangs up every live call, then stops the stack and releases the ports. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<B2buaCall> live = new ArrayList<>();
        registry.all().forEach(live::add);
        List<FutureTask<Void>> done = new ArrayList<>();
        for (B2buaCall call : live) {
            FutureTask<Void> task = new FutureTask<>(() -> call.hangup(HangupBy.SYSTEM, "Gateway shutting down"), null);
            done.add(task);
            call.executor.execute(task);
        }
        for (FutureTask<Void> task : done) {
            try {
                task.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("a call did not hang up cleanly on shutdown", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        OutboundConnections.forget(stack);
        stopStack();
        shutdownExecutors();
        LOG.infof("SIP gateway stopped: %s", config);
    }

    /**
     * Stops the JAIN-SIP stack. Its stop walks collections that its own I/O threads still change
     * (the NIO handler removes channels from the map it iterates; a UDP processor's channel list),
     * and a {@link java.util.ConcurrentModificationException} there aborts the stop halfway with
     * sockets still open. Each attempt gets further, so a few are made; closing the gateway never
     * throws.
     */
    private void stopStack() {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    LOG.warnf(e, "SIP stack did not stop cleanly after %d attempts", attempt);
                    return;
                }
                LOG.warnf(e, "SIP stack stop interrupted (attempt %d), retrying", attempt);
            }
        }
    }

    private void shutdownExecutors() {
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
