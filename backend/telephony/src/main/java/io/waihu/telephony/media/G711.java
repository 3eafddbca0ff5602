package io.waihu.telephony.media;

/**
 * ITU-T G.711 µ-law (PCMU) and A-law (PCMA) by table. Carriers in Europe and Asia default to
 * A-law, North America and most browsers' first G.711 choice to µ-law, so a bridged call often
 * needs the 8-bit to 8-bit conversion; G.711 Appendix says to convert through linear PCM, which
 * the tables here do once at class load so the relay pays one array look-up per byte.
 */
final class G711 {

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final byte[] ULAW_TO_ALAW = new byte[256];
    private static final byte[] ALAW_TO_ULAW = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = decodeUlaw((byte) i);
            ALAW_TO_LINEAR[i] = decodeAlaw((byte) i);
        }
        for (int i = 0; i < 256; i++) {
            ULAW_TO_ALAW[i] = linearToAlaw(ULAW_TO_LINEAR[i]);
            ALAW_TO_ULAW[i] = linearToUlaw(ALAW_TO_LINEAR[i]);
        }
    }

    private G711() {}

    static short ulawToLinear(byte b) {
        return ULAW_TO_LINEAR[b & 0xff];
    }

    static short alawToLinear(byte b) {
        return ALAW_TO_LINEAR[b & 0xff];
    }

    static byte ulawToAlaw(byte b) {
        return ULAW_TO_ALAW[b & 0xff];
    }

    static byte alawToUlaw(byte b) {
        return ALAW_TO_ULAW[b & 0xff];
    }

    private static short decodeUlaw(byte encoded) {
        int u = ~encoded & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    private static short decodeAlaw(byte encoded) {
        int a = (encoded ^ 0x55) & 0xff;
        int t = (a & 0x0f) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t += 0x108;
            if (seg > 1) {
                t <<= seg - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    /** Linear 16-bit to µ-law (G.711 with the usual 0x84 bias and clipping at 32635). */
    static byte linearToUlaw(int sample) {
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > 32635) {
            sample = 32635;
        }
        sample += 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Linear 16-bit to A-law. */
    static byte linearToAlaw(int sample) {
        int sign = sample >= 0 ? 0x80 : 0;
        if (sign == 0) {
            sample = -sample - 1;
        }
        if (sample > 32767) {
            sample = 32767;
        }
        int encoded;
        if (sample < 256) {
            encoded = sample >> 4;
        } else {
            int exponent = 7;
            for (int mask = 0x4000; (sample & mask) == 0 && exponent > 1; mask >>= 1) {
                exponent--;
            }
            encoded = (exponent << 4) | ((sample >> (exponent + 3)) & 0x0f);
        }
        return (byte) ((sign | encoded) ^ 0x55);
    }
}
