package io.waihu.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.telephony.Leg;
import io.waihu.telephony.testing.Wav;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompt files (what is accepted, what is refused and why) and their playback by the real engine
 * toward an SDES-SRTP leg: the peer decrypts the packets with the keys the SDP exchanged and hears
 * the tone, paced and numbered as one stream; the recording holds it.
 */
class PromptTest {

    @TempDir
    Path dir;

    private static short[] tone(int hz, int millis) {
        short[] s = new short[millis * 8];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return s;
    }

    /** A canonical WAV: {@code format} 1 (PCM, 16 bits) or 6/7 (A-law/µ-law, 8 bits). */
    private static byte[] wav(int format, int channels, int rate, byte[] data) {
        int bits = format == 1 ? 16 : 8;
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) format)
                .putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] pcm(short[] s) {
        ByteBuffer b = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : s) {
            b.putShort(v);
        }
        return b.array();
    }

    private static short[] samples(Prompt p) {
        byte[] ulaw = new byte[p.length()];
        p.encode(Codec.PCMU, 0, ulaw.length, ulaw, 0);
        short[] s = new short[ulaw.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = G711.ulawToLinear(ulaw[i]);
        }
        return s;
    }

    @Test
    void pcmMuLawAndALawFilesReadAsTheSameAudio() throws IOException {
        short[] tone = tone(700, 200);
        byte[] ulaw = new byte[tone.length];
        byte[] alaw = new byte[tone.length];
        for (int i = 0; i < tone.length; i++) {
            ulaw[i] = G711.linearToUlaw(tone[i]);
            alaw[i] = G711.linearToAlaw(tone[i]);
        }
        for (byte[] file : List.of(wav(1, 1, 8000, pcm(tone)), wav(7, 1, 8000, ulaw), wav(6, 1, 8000, alaw))) {
            Prompt p = Prompt.parse("test", file);
            assertThat(p.length()).isEqualTo(1600);
            assertThat(p.duration().toMillis()).isEqualTo(200);
            assertThat(Wav.frequency(samples(p))).isBetween(680.0, 720.0);
        }
    }

    @Test
    void filesTheEngineCannotPlayAsTheyAreAreRefusedSayingWhatTheyAre() {
        byte[] data = pcm(tone(440, 100));
        assertThatThrownBy(() -> Prompt.parse("stereo.wav", wav(1, 2, 8000, data)))
                .hasMessageContaining("stereo.wav").hasMessageContaining("2 channel(s)");
        assertThatThrownBy(() -> Prompt.parse("cd.wav", wav(1, 1, 44100, data)))
                .hasMessageContaining("44100 Hz").hasMessageContaining("mono 8000 Hz");
        assertThatThrownBy(() -> Prompt.parse("song.mp3", "ID3\u0004 not a wave".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("not a WAV");
        byte[] noData = Arrays.copyOf(wav(1, 1, 8000, new byte[0]), 36);
        assertThatThrownBy(() -> Prompt.parse("cut.wav", noData)).hasMessageContaining("no data chunk");
    }

    @Test
    void shippedAbandonMessageIsShortSpeechAndSmall() throws IOException {
        Prompt p = Prompt.resource("/io/waihu/telephony/prompts/abandon.wav");
        assertThat(p.duration().toMillis()).isBetween(2000L, 4000L);
        assertThat(Wav.rms(samples(p))).as("speech, not silence").isGreaterThan(1000);
        try (InputStream in = Prompt.class.getResourceAsStream("/io/waihu/telephony/prompts/abandon.wav")) {
            assertThat(in.readAllBytes().length).isLessThanOrEqualTo(40 * 1024);
        }
    }

    @Test
    void playbackTowardAnSrtpLegIsEncryptedPacedAndRecorded() throws Exception {
        SecureRandom random = new SecureRandom();
        try (RtpMediaEngine engine = new RtpMediaEngine(MediaConfig.ephemeral(InetAddress.getLoopbackAddress()));
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            MediaSession session = engine.open("prompt-srtp", null);
            String offer = session.createOffer(Leg.CUSTOMER, MediaProfile.SDES_SRTP);
            SdesCrypto ours = SdesCrypto.parse(offer.lines().filter(l -> l.startsWith("a=crypto:1 ")).findFirst()
                    .orElseThrow().substring("a=crypto:".length()));
            SdesCrypto theirs = SdesCrypto.fresh(1, ours.suite(), random);
            session.applyAnswer(Leg.CUSTOMER, "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\nm=audio " + peer.getLocalPort() + " RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=crypto:" + theirs.attribute() + "\r\na=sendrecv\r\n");
            Path recording = dir.resolve("prompt.wav");
            session.startRecording(recording);
            List<byte[]> wirePackets = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread receiver = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (wirePackets.size() < 30) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        peer.receive(p);
                    } catch (IOException e) {
                        return;
                    }
                    arrivals.add(System.nanoTime());
                    wirePackets.add(Arrays.copyOf(p.getData(), p.getLength()));
                }
            });
            receiver.start();
            CountDownLatch done = new CountDownLatch(1);

            // (the first SRTP packet may wait for jitsi-srtp's start-up choice of AES provider)
            session.play(Leg.CUSTOMER, Prompt.ofSamples("tone", tone(470, 600)), done::countDown);

            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            receiver.join(5000);
            assertThat(wirePackets).hasSize(30);
            long spanMillis = (arrivals.get(29) - arrivals.get(0)) / 1_000_000;
            assertThat(spanMillis).as("paced at 20 ms a packet, not sent in a burst").isBetween(500L, 800L);
            List<byte[]> packets = new ArrayList<>();
            try (SdesSrtp decrypt = new SdesSrtp(theirs, ours)) {
                for (byte[] wire : wirePackets) {
                    assertThat(Arrays.copyOfRange(wire, Rtp.HEADER, Rtp.HEADER + 160)).as("encrypted on the wire")
                            .isNotEqualTo(new byte[160]);
                    int len = decrypt.unprotect(wire, 0, wire.length);
                    assertThat(len).as("authenticates under the exchanged keys").isEqualTo(Rtp.HEADER + 160);
                    packets.add(Arrays.copyOf(wire, len));
                }
            }
            short[] heard = new short[packets.size() * 160];
            for (int k = 0; k < packets.size(); k++) {
                byte[] p = packets.get(k);
                assertThat(Rtp.payloadType(p, 0)).isZero();
                if (k > 0) {
                    byte[] prev = packets.get(k - 1);
                    assertThat(Rtp.ssrc(p, 0)).isEqualTo(Rtp.ssrc(prev, 0));
                    assertThat(Rtp.sequence(p, 0)).isEqualTo((Rtp.sequence(prev, 0) + 1) & 0xffff);
                    assertThat(Rtp.timestamp(p, 0) - Rtp.timestamp(prev, 0)).isEqualTo(160);
                }
                for (int i = 0; i < 160; i++) {
                    heard[k * 160 + i] = G711.ulawToLinear(p[Rtp.HEADER + i]);
                }
            }
            assertThat(Wav.frequency(heard)).isBetween(450.0, 490.0);
            session.stopRecording();
            assertThat(Wav.frequency(Wav.read(recording).left())).as("recorded as what the customer heard")
                    .isBetween(450.0, 490.0);
            assertThat(session.stats(Leg.CUSTOMER).packetsSent()).isEqualTo(30);
            session.close();
        }
    }
}
