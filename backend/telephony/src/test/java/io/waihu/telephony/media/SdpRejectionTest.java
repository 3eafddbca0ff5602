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

    private static String savp(String proto, String... crypto) {
        StringBuilder sb = new StringBuilder("v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        sb.append("m=audio 4000 ").append(proto).append(" 0 101\r\n");
        for (String c : crypto) {
            sb.append("a=crypto:").append(c).append("\r\n");
        }
        return sb.append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n").toString();
    }

    private static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    private static final String OTHER_KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk";

    @Test
    void srtpOfferWithOnlyUnsupportedCryptoIsNotAcceptable() {
        assertThat(codeFor(savp("RTP/SAVP"))).as("no a=crypto at all").isEqualTo(488);
        assertThat(codeFor(savp("RTP/SAVP", "1 AES_256_CM_HMAC_SHA1_80 inline:" + KEY + KEY))).isEqualTo(488);
        assertThat(codeFor(savp("RTP/SAVP", "1 F8_128_HMAC_SHA1_80 inline:" + KEY))).isEqualTo(488);
        assertThat(codeFor(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4"))).as("MKI").isEqualTo(488);
        assertThat(codeFor(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " UNENCRYPTED_SRTP"))).isEqualTo(488);
        assertThat(codeFor(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ="))).as("short key").isEqualTo(488);
    }

    @Test
    void srtpOfferIsAnsweredWithOurOwnKeyForTheOfferersFirstSupportedSuite() throws Exception {
        String answer = session.acceptOffer(Leg.CUSTOMER, savp("RTP/SAVP",
                "1 AES_256_CM_HMAC_SHA1_80 inline:" + KEY + KEY,
                "2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "|2^31 WSH=64",
                "3 AES_CM_128_HMAC_SHA1_80 inline:" + OTHER_KEY));
        assertThat(answer).contains(" RTP/SAVP 0 101\r\n");
        assertThat(answer.lines().filter(l -> l.startsWith("a=crypto:"))).singleElement().satisfies(line -> {
            assertThat(line).startsWith("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:");
            SdesCrypto ours = SdesCrypto.parse(line.substring("a=crypto:".length()));
            assertThat(ours).isNotNull();
            assertThat(ours.sameKey(SdesCrypto.parse("2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY))).as("not an echo").isFalse();
        });
        assertThat(session.profile(Leg.CUSTOMER)).isEqualTo(MediaProfile.SDES_SRTP);
    }

    @Test
    void reOfferWithTheSameKeyKeepsOursAndANewKeyGetsANewOne() throws Exception {
        String first = cryptoLine(session.acceptOffer(Leg.CUSTOMER, savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY)));
        String hold = cryptoLine(session.acceptOffer(Leg.CUSTOMER, savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY)));
        String rekeyed = cryptoLine(session.acceptOffer(Leg.CUSTOMER, savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + OTHER_KEY)));
        assertThat(hold).isEqualTo(first);
        assertThat(rekeyed).isNotEqualTo(first);
    }

    @Test
    void plainOfferStaysPlainEvenWithCryptoLines() throws Exception {
        String answer = session.acceptOffer(Leg.CUSTOMER, savp("RTP/AVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY));
        assertThat(answer).contains(" RTP/AVP 0 101\r\n").doesNotContain("a=crypto");
        assertThat(session.profile(Leg.CUSTOMER)).isEqualTo(MediaProfile.RTP);
    }

    @Test
    void ourSrtpOfferListsBothSuitesAndRefusesAnAnswerThatDropsSrtp() throws Exception {
        String offer = session.createOffer(Leg.CUSTOMER, MediaProfile.SDES_SRTP);
        assertThat(offer).contains(" RTP/SAVP 0 8 101\r\n").contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:")
                .contains("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:");
        SdpException plain = catchThrowableOfType(SdpException.class,
                () -> session.applyAnswer(Leg.CUSTOMER, PlainRtpRelayTest.sdp(4000, "0", "sendrecv")));
        assertThat(plain.sipCode()).isEqualTo(488);
        SdpException wrongTag = catchThrowableOfType(SdpException.class,
                () -> session.applyAnswer(Leg.CUSTOMER, savp("RTP/SAVP", "7 AES_CM_128_HMAC_SHA1_80 inline:" + KEY)));
        assertThat(wrongTag.sipCode()).isEqualTo(488);
        session.applyAnswer(Leg.CUSTOMER, savp("RTP/SAVP", "2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY));
        assertThat(session.profile(Leg.CUSTOMER)).isEqualTo(MediaProfile.SDES_SRTP);
    }

    private static String cryptoLine(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=crypto:")).findFirst().orElseThrow();
    }
}
