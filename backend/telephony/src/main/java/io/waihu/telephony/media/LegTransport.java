package io.waihu.telephony.media;

/** How one leg's packets leave and enter the gateway: plain RTP or WebRTC. */
interface LegTransport extends AutoCloseable {

    /** Where the transport hands received (decrypted) RTP. */
    interface Sink {
        /** {@code b[off, off + len)} is one RTP packet; the callee may rewrite it in place. */
        void onRtp(LegTransport from, byte[] b, int off, int len, long nanoTime);
    }

    /** The local UDP port written into SDP. */
    int localPort();

    boolean isWebRtc();

    /** Sends one relayed RTP packet; returns whether it left (false before the peer is known). */
    boolean send(byte[] b, int off, int len);

    @Override
    void close();
}
