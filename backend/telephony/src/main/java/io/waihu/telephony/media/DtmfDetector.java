package io.waihu.telephony.media;

/**
 * Reports each RFC 4733 telephone-event once. The sender marks the event's last packet with
 * the E bit and sends it three times (§2.5.1.4) with the same RTP timestamp (the event's start,
 * §2.3.1), so (SSRC, timestamp) identifies the event across retransmissions. Events 0-15 are
 * the DTMF digits of §3.2; others (flash, tones) are relayed but not reported.
 */
final class DtmfDetector {

    private static final char[] DIGITS = "0123456789*#ABCD".toCharArray();

    private boolean reported;
    private int lastSsrc;
    private int lastTimestamp;

    /** The digit of a completed event seen for the first time, or 0. Duration is in RTP units. */
    char onEvent(byte[] b, int off, int len) {
        int payload = Rtp.payloadOffset(b, off, len);
        if (payload < 0 || payload + 4 > len) {
            return 0;
        }
        int event = b[off + payload] & 0xff;
        boolean end = (b[off + payload + 1] & 0x80) != 0;
        if (!end || event >= DIGITS.length) {
            return 0;
        }
        int ssrc = Rtp.ssrc(b, off);
        int ts = Rtp.timestamp(b, off);
        if (reported && ssrc == lastSsrc && ts == lastTimestamp) {
            return 0;
        }
        reported = true;
        lastSsrc = ssrc;
        lastTimestamp = ts;
        return DIGITS[event];
    }

    /** Event duration in milliseconds at the 8 kHz telephone-event clock. */
    static int durationMillis(byte[] b, int off, int len) {
        int payload = Rtp.payloadOffset(b, off, len);
        int units = ((b[off + payload + 2] & 0xff) << 8) | (b[off + payload + 3] & 0xff);
        return units / 8;
    }
}
