package io.waihu.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.waihu.telephony.Leg;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What SIP answers to an SDP the gateway cannot use. */
class SdpRejectionTest {

    private RtpMediaEngine engine;
    private MediaSession session;

    @BeforeEach
    void open() {
        engine = new RtpMediaEngine(MediaConfig.ephemeral(InetAddress.getLoopbackAddress()));
        session = engine.open("call-bad-sdp", null);
    }

    @AfterEach
    void close() {
        session.close();
        engine.close();
    }

    private int codeFor(String sdp) {
        SdpException e = catchThrowableOfType(SdpException.class, () -> session.acceptOffer(Leg.CUSTOMER, sdp));
        assertThat(e).as("rejected: %s", sdp).isNotNull();
        return e.sipCode();
    }

    @Test
    void garbageIsABadRequest() {
        assertThat(codeFor("hello, this is not SDP")).isEqualTo(400);
        assertThat(codeFor("")).isEqualTo(400);
        assertThat(codeFor("v=0\r\no=x 1 1 IN IP4 10.0.0.1\r\nm=audio notaport RTP/AVP 0\r\n")).isEqualTo(400);
    }

    @Test
    void unknownCodecOnlyIsNotAcceptable() {
        assertThat(codeFor(PlainRtpRelayTest.sdp(4000, "18 96", "sendrecv", "18 G729/8000", "96 opus/48000/2")))
                .isEqualTo(488);
    }

    @Test
    void noAudioStreamIsNotAcceptable() {
        assertThat(codeFor("v=0\r\no=x 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n")).isEqualTo(488);
    }

    @Test
    void firstSupportedCodecOfTheOfferIsChosen() throws Exception {
        String answer = session.acceptOffer(Leg.CUSTOMER,
                PlainRtpRelayTest.sdp(4000, "18 8 0 101", "sendrecv", "18 G729/8000", "8 PCMA/8000", "0 PCMU/8000",
                        "101 telephone-event/8000"));
        assertThat(answer).contains("m=audio ").contains(" RTP/AVP 8 101\r\n").doesNotContain("PCMU");
    }
}
