package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import java.nio.file.Path;
import java.time.Duration;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of our INVITE's leg, one test each: the leg is started on a real gateway's stack toward
 * a raw UDP peer that plays the carrier (so what the leg sends is read off the wire), and is then
 * handed responses as the call would hand them (built by the stack's message factory).
 */
class OutgoingLegTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private GatewayFixture fx;
    private RawSip carrier;
    private SipContext sip;
    /** The INVITE of the leg under test, which the carrier's responses answer. */
    private Request invite;

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
        carrier = RawSip.udp(fx.sipPort);
        sip = fx.gateway.context();
    }

    @AfterEach
    void stop() throws Exception {
        carrier.close();
        fx.close();
    }

    private OutgoingLeg dial(String user, String password) throws Exception {
        TrunkSpec trunk = new TrunkSpec("trunk-raw", "127.0.0.1", carrier.localPort(), SipTransport.UDP, user, password,
                "+8657400000000", "", 5);
        OutboundCall plan = new OutboundCall("call-1", GatewayFixture.AGENT, "+8613812345678", trunk,
                Duration.ofSeconds(10), Path.of("unused.wav"));
        Request invite = Invites.toTrunk(sip, plan, StandInMedia.sdp(40000));
        OutgoingLeg leg = new OutgoingLeg(sip, Leg.CUSTOMER, "UDP", invite, trunk,
                ContextLogger.of(OutgoingLegTest.class, LogContext.call("call-1")));
        leg.start(invite);
        assertThat(next("INVITE")).isNotNull();
        this.invite = invite;
        return leg;
    }

    private Response response(int code) throws Exception {
        Response response = sip.messages.createResponse(code, invite);
        if (code > 100) {
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("carrier");
        }
        return response;
    }

    /** The next request of {@code method} the carrier receives (retransmissions of others skipped), or null. */
    private String next(String method) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String message = carrier.receive(Duration.ofMillis(200));
            if (message != null && message.startsWith(method + " ")) {
                return message;
            }
        }
        return null;
    }

    @Test
    void aHundredTryingIsNoProgressToReport() throws Exception {
        OutgoingLeg leg = dial(null, null);

        assertThat(leg.onProvisional(100)).isEqualTo(OutgoingLeg.Progress.NONE);
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.PROCEEDING);
        assertThat(leg.pending()).isTrue();
    }

    @Test
    void theFirstRingingIsReportedAsFirstAndLaterOnesAsAgain() throws Exception {
        OutgoingLeg leg = dial(null, null);

        assertThat(leg.onProvisional(180)).isEqualTo(OutgoingLeg.Progress.FIRST_RINGING);
        assertThat(leg.onProvisional(183)).isEqualTo(OutgoingLeg.Progress.RINGING_AGAIN);
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.RINGING);
    }

    @Test
    void aLegEndedBeforeAnyProvisionalCancelsOnlyWhenTheFirstArrives() throws Exception {
        OutgoingLeg leg = dial(null, null);

        leg.hangUp(0);
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.CANCEL_PENDING);
        assertThat(leg.pending()).isFalse();
        assertThat(next("CANCEL")).as("no CANCEL before a provisional response (RFC 3261 §9.1)").isNull();

        assertThat(leg.onProvisional(100)).isEqualTo(OutgoingLeg.Progress.NONE);
        assertThat(next("CANCEL")).isNotNull();
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.CANCELLING);
    }

    @Test
    void ringingAfterOurCancelIsNotReported() throws Exception {
        OutgoingLeg leg = dial(null, null);
        leg.onProvisional(180);
        leg.hangUp(0);
        assertThat(next("CANCEL")).isNotNull();

        assertThat(leg.onProvisional(183)).isEqualTo(OutgoingLeg.Progress.NONE);
    }

    @Test
    void aFailureEndsAWantedLegAndTheCallHearsOfIt() throws Exception {
        OutgoingLeg leg = dial(null, null);
        leg.onProvisional(180);

        assertThat(leg.onFailure(response(486))).isTrue();
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.ENDED);
    }

    @Test
    void theFailureThatAnswersOurCancelIsNotNews() throws Exception {
        OutgoingLeg leg = dial(null, null);
        leg.onProvisional(180);
        leg.hangUp(0);

        assertThat(leg.onFailure(response(487))).isFalse();
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.ENDED);
    }

    @Test
    void aTrunkChallengeIsAnsweredOnceWithItsCredentials() throws Exception {
        OutgoingLeg leg = dial("trunkuser", "trunkpass");
        Response challenge = response(407);
        challenge.addHeader(sip.headers.createHeader(ProxyAuthenticateHeader.NAME,
                "Digest realm=\"carrier\", nonce=\"n1\", algorithm=MD5, qop=\"auth\""));

        carrier.send(challenge.toString()); // the stack's transaction must see it too: it ACKs and lets go
        assertThat(next("ACK")).isNotNull();

        assertThat(leg.onFailure(challenge)).as("answered, the leg goes on").isFalse();
        String retry = next("INVITE");
        assertThat(retry).contains("Proxy-Authorization: Digest").contains("username=\"trunkuser\"");
        assertThat(leg.pending()).isTrue();

        assertThat(leg.onFailure(challenge)).as("a second challenge ends the leg").isTrue();
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.ENDED);
    }

    @Test
    void aChallengeWithoutTrunkCredentialsEndsTheLeg() throws Exception {
        OutgoingLeg leg = dial(null, null);

        assertThat(leg.onFailure(response(401))).isTrue();
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.ENDED);
    }

    @Test
    void aTimeoutOfAnotherTransactionChangesNothing() throws Exception {
        OutgoingLeg leg = dial(null, null);

        assertThat(leg.onTimeout(null)).isFalse();
        assertThat(leg.state()).isEqualTo(OutgoingLeg.State.CALLING);
    }
}
