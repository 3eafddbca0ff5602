package io.waihu.telephony.sip;

import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.SipAccount;
import io.waihu.telephony.SipAccounts;
import io.waihu.telephony.media.MediaEngine;
import io.waihu.telephony.testing.FreePorts;
import io.waihu.telephony.testing.Sipp;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A gateway on free loopback ports with two agents' accounts and the stand-in media engine, or
 * the real one behind an {@link SdpTap} ({@link #withRealMedia}).
 */
final class GatewayFixture implements AutoCloseable {

    static final String REALM = "waihu.test";
    static final String AGENT = "1001";
    static final String AGENT_PASSWORD = "s3cret-1001";
    static final String OTHER_AGENT = "1002";
    static final String OTHER_PASSWORD = "s3cret-1002";

    /** The stand-in engine, or null when the gateway runs the real one. */
    final StandInMedia media;
    private final MediaEngine engine;
    private final LongSupplier openSessions;
    final SipGateway gateway;
    final int sipPort;
    final int wsPort;
    volatile CallAdmission admission = (agent, dialed) ->
            CompletableFuture.completedFuture(new CallAdmission.Refused(403, "No admission configured"));

    GatewayFixture() throws IOException {
        this(config -> config);
    }

    GatewayFixture(java.util.function.UnaryOperator<GatewayConfig> tweak) throws IOException {
        this(tweak, new StandInMedia(), null);
    }

    /** A gateway relaying real RTP through {@code tap}'s engine. */
    static GatewayFixture withRealMedia(SdpTap tap) throws IOException {
        return new GatewayFixture(config -> config, null, tap);
    }

    private GatewayFixture(java.util.function.UnaryOperator<GatewayConfig> tweak, StandInMedia standIn, SdpTap tap)
            throws IOException {
        this.media = standIn;
        this.engine = standIn != null ? standIn : tap;
        this.openSessions = standIn != null ? standIn::openSessions : () -> tap.engine.activeSessions();
        sipPort = FreePorts.udpAndTcp();
        wsPort = FreePorts.udpAndTcp();
        GatewayConfig config = tweak.apply(GatewayConfig.defaults("127.0.0.1", sipPort, wsPort, REALM)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20))
                .withAuthThrottle(5, Duration.ofMinutes(5), Duration.ofMinutes(15)));
        Map<String, SipAccount> accounts = Map.of(
                AGENT, new SipAccount(AGENT, DigestMath.ha1(AGENT, REALM, AGENT_PASSWORD), "agent-1"),
                OTHER_AGENT, new SipAccount(OTHER_AGENT, DigestMath.ha1(OTHER_AGENT, REALM, OTHER_PASSWORD), "agent-2"));
        SipAccounts lookup = username -> Optional.ofNullable(accounts.get(username));
        gateway = SipGateway.start(config, lookup, (agent, dialed) -> admission.admit(agent, dialed), engine);
    }

    /** A desk phone (sipp) registered as {@link #AGENT}, answering the next INVITE with {@code oocScenario}. */
    Sipp deskPhone(String oocScenario, Duration holdBeforeHangup) {
        return deskPhone(oocScenario, holdBeforeHangup, builder -> builder);
    }

    /** {@link #deskPhone(String, Duration)} with more sipp options (e.g. {@code -set} variables). */
    Sipp deskPhone(String oocScenario, Duration holdBeforeHangup, UnaryOperator<Sipp.Builder> options) {
        Sipp phone = options.apply(Sipp.with("phone_register.xml").service(AGENT).auth(AGENT, AGENT_PASSWORD)
                .outOfCall(oocScenario).duration(holdBeforeHangup).remote(sipPort)).start("phone");
        FreePorts.await("agent registration", Duration.ofSeconds(15),
                () -> gateway.isRegistered(AGENT) || !phone.alive());
        if (!gateway.isRegistered(AGENT)) {
            throw new AssertionError("desk phone did not register\n" + phone.diagnostics());
        }
        return phone;
    }

    /** A desk phone (sipp) registered as {@code user}, e.g. {@link #OTHER_AGENT}, answering with {@code oocScenario}. */
    Sipp deskPhoneOf(String user, String password, String oocScenario, UnaryOperator<Sipp.Builder> options) {
        Sipp phone = options.apply(Sipp.with("phone_register.xml").service(user).auth(user, password)
                .outOfCall(oocScenario).duration(Duration.ZERO).remote(sipPort)).start("phone-" + user);
        FreePorts.await("registration of " + user, Duration.ofSeconds(15),
                () -> gateway.isRegistered(user) || !phone.alive());
        if (!gateway.isRegistered(user)) {
            throw new AssertionError("desk phone " + user + " did not register\n" + phone.diagnostics());
        }
        return phone;
    }

    /** Nothing of a finished call is left: calls, trunk channels, media sessions. */
    void assertNothingLeaks(String trunkId) {
        FreePorts.await("no live calls", Duration.ofSeconds(5), () -> gateway.activeCalls() == 0);
        FreePorts.await("trunk channels released", Duration.ofSeconds(5), () -> gateway.channelsInUse(trunkId) == 0);
        FreePorts.await("media sessions closed", Duration.ofSeconds(5), () -> openSessions.getAsLong() == 0);
    }

    @Override
    public void close() {
        gateway.close();
        engine.close();
    }
}
