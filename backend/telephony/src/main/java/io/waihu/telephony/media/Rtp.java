package io.waihu.telephony.media;

/**
 * RTP fixed-header access (RFC 3550 §5.1) on a byte array, in place. The relay rewrites
 * payload type, sequence number, timestamp and SSRC without copying the packet.
 */
final class Rtp {

    static final int HEADER = 12;

    private Rtp() {}

    /** RTP version 2 and not RTCP (RFC 5761 §4: RTCP packet types 192-223 share the port). */
    static boolean isRtp(byte[] b, int off, int len) {
        if (len < HEADER || (b[off] & 0xc0) != 0x80) {
            return false;
        }
        int second = b[off + 1] & 0xff;
        return second < 192 || second > 223;
    }

    static boolean isRtcp(byte[] b, int off, int len) {
        if (len < 8 || (b[off] & 0xc0) != 0x80) {
            return false;
        }
        int second = b[off + 1] & 0xff;
        return second >= 192 && second <= 223;
    }

    static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7f;
    }

    static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    static void setPayloadType(byte[] b, int off, int pt, boolean marker) {
        b[off + 1] = (byte) ((marker ? 0x80 : 0) | (pt & 0x7f));
    }

    static int sequence(byte[] b, int off) {
        return ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static void setSequence(byte[] b, int off, int seq) {
        b[off + 2] = (byte) (seq >> 8);
        b[off + 3] = (byte) seq;
    }

    static int timestamp(byte[] b, int off) {
        return readInt(b, off + 4);
    }

    static void setTimestamp(byte[] b, int off, int ts) {
        writeInt(b, off + 4, ts);
    }

    static int ssrc(byte[] b, int off) {
        return readInt(b, off + 8);
    }

    static void setSsrc(byte[] b, int off, int ssrc) {
        writeInt(b, off + 8, ssrc);
    }

    /** Offset of the payload from the packet start: header, CSRCs and header extension (§5.3.1). */
    static int payloadOffset(byte[] b, int off, int len) {
        int p = HEADER + 4 * (b[off] & 0x0f);
        if ((b[off] & 0x10) != 0) {
            if (p + 4 > len) {
                return -1;
            }
            int words = ((b[off + p + 2] & 0xff) << 8) | (b[off + p + 3] & 0xff);
            p += 4 + 4 * words;
        }
        return p <= len ? p : -1;
    }

    /** Payload end, dropping RTP padding (§5.1, P bit). */
    static int payloadEnd(byte[] b, int off, int len) {
        if ((b[off] & 0x20) != 0) {
            int pad = b[off + len - 1] & 0xff;
            return len - pad;
        }
        return len;
    }

    static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    static void writeInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >> 24);
        b[p + 1] = (byte) (v >> 16);
        b[p + 2] = (byte) (v >> 8);
        b[p + 3] = (byte) v;
    }
}
