package io.waihu.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our use of jitsi-srtp, ours on both ends (interop with an independent SRTP is
 * {@code SdesSrtpBaresipTest}): sizes, round trip, and what must be dropped.
 */
class SdesSrtpTest {

    private final SecureRandom random = new SecureRandom();

    private static byte[] rtp(int seq) {
        byte[] b = new byte[2048];
        b[0] = (byte) 0x80;
        Rtp.setSequence(b, 0, seq);
        Rtp.setTimestamp(b, 0, seq * 160);
        Rtp.setSsrc(b, 0, 0x12345678);
        for (int i = 0; i < 160; i++) {
            b[Rtp.HEADER + i] = (byte) i;
        }
        return b;
    }

    /** Encrypts with {@code sender} and returns the SRTP packet in a 2048-byte buffer and its length. */
    private static byte[] protect(SdesSrtp sender, int seq, int[] length) {
        byte[] out = new byte[2048];
        assertThat(sender.protect(rtp(seq), 0, Rtp.HEADER + 160, (b, off, len) -> {
            System.arraycopy(b, off, out, 0, len);
            length[0] = len;
            return true;
        })).isTrue();
        return out;
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void roundTripAddsTheSuitesTagAndDropsTamperedAndReplayedPackets(SrtpSuite suite) {
        SdesCrypto a = SdesCrypto.fresh(1, suite, random);
        SdesCrypto b = SdesCrypto.fresh(1, suite, random);
        try (SdesSrtp alice = new SdesSrtp(a, b); SdesSrtp bob = new SdesSrtp(b, a)) {
            int[] len = new int[1];
            byte[] wire = protect(alice, 1000, len);
            assertThat(len[0]).isEqualTo(Rtp.HEADER + 160 + suite.tagBytes);
            assertThat(Arrays.copyOfRange(wire, Rtp.HEADER, Rtp.HEADER + 160))
                    .isNotEqualTo(Arrays.copyOfRange(rtp(1000), Rtp.HEADER, Rtp.HEADER + 160));
            byte[] replay = wire.clone();
            assertThat(bob.unprotect(wire, 0, len[0])).isEqualTo(Rtp.HEADER + 160);
            assertThat(Arrays.copyOf(wire, Rtp.HEADER + 160)).isEqualTo(Arrays.copyOf(rtp(1000), Rtp.HEADER + 160));

            assertThat(bob.unprotect(replay, 0, len[0])).as("replay").isEqualTo(-1);
            byte[] tampered = protect(alice, 1001, len);
            tampered[len[0] - 1] ^= 1;
            assertThat(bob.unprotect(tampered, 0, len[0])).as("bad tag").isEqualTo(-1);
            byte[] wrongKey = protect(bob, 1002, len);
            assertThat(bob.unprotect(wrongKey, 0, len[0])).as("bob's own key is not alice's").isEqualTo(-1);
            assertThat(bob.rejected()).isEqualTo(3);
            assertThat(bob.unprotect(protect(alice, 1003, len), 0, len[0])).as("still in sync").isEqualTo(Rtp.HEADER + 160);
        }
    }

    @Test
    void cryptoAttributeRoundTripsAndNeverPrintsTheKey() {
        SdesCrypto c = SdesCrypto.fresh(5, SrtpSuite.AES_CM_128_HMAC_SHA1_32, random);
        assertThat(SdesCrypto.parse(c.attribute())).isEqualTo(c);
        assertThat(c.toString()).doesNotContain(c.attribute().split("inline:")[1]);
    }
}
