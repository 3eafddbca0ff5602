package io.waihu.telephony.media;

import io.waihu.telephony.ContextLogger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * RTP/AVP, or RTP/SAVP with SDES keys ({@link SdesSrtp}), over one UDP socket on a shared
 * {@link IoLoop}. Symmetric RTP (RFC 4961): we send
 * from the port we receive on, and send to where the peer's packets come from rather than to
 * its SDP address, which behind NAT is a private address. The first packet latches; another
 * source takes over only after the latched one has been silent for {@value #RELATCH_MILLIS} ms
 * (NAT rebinding, media server switch) so that a stray or spoofed packet cannot steal the
 * stream. Under SRTP a packet must authenticate before it can latch or be relayed, so a forged
 * or replayed packet is dropped and counted ({@link #srtpRejected}), never relayed. RTCP on this
 * port is ignored: the relay neither needs nor generates it.
 *
 * <p>A new remote SDP (answer, re-INVITE, UPDATE) that names the same address as before keeps
 * the latch: a phone behind NAT repeats its private address on every hold and resume while its
 * packets keep coming from the NAT's. One that names another address (the peer's media moved,
 * e.g. a carrier switching media servers, or early media from an announcement server and the
 * answer from another) is sent to at once, and the source we had latched is refused for
 * {@value #RELATCH_MILLIS} ms: its last packets, still in flight or sent by a server that stops
 * late, must not pull the stream back to an address the peer has just left. An SDP with the
 * unspecified address (RFC 2543 hold, {@code c=0.0.0.0}) changes nothing here: the direction it
 * implies stops the sending, and the resume that follows names the old address again.
 */
final class PlainRtpTransport implements LegTransport, IoLoop.Handler {

    private static final long RELATCH_MILLIS = 1000;

    private final DatagramChannel channel;
    private final Sink sink;
    private final ContextLogger log;
    private final int localPort;
    private volatile InetSocketAddress target;
    private volatile SdesSrtp srtp;
    private final SdesSrtp.Sender plainSend = this::sendPlain;
    /** Rejected by SRTP sessions this leg no longer uses (a re-INVITE re-keyed or dropped SRTP). */
    private long rejectedBefore;
    private boolean latched;
    private long lastFromTarget;
    /** Where the latest remote SDP said to send. */
    private InetSocketAddress sdpAddress;
    /** The source latched before the SDP address last changed, refused for a while after. */
    private InetSocketAddress abandoned;
    private long abandonedAtNanos;

    PlainRtpTransport(DatagramChannel channel, IoLoop loop, Sink sink, ContextLogger log) throws IOException {
        this.channel = channel;
        this.sink = sink;
        this.log = log.forClass(PlainRtpTransport.class);
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        loop.register(channel, this);
    }

    /** The address from a new remote SDP: a new one is used until the first packet latches (again). */
    synchronized void setRemote(InetSocketAddress address) {
        if (address.getAddress().isAnyLocalAddress() || address.equals(sdpAddress)) {
            return;
        }
        if (latched && sdpAddress != null && !address.equals(target)) {
            abandoned = target;
            abandonedAtNanos = System.nanoTime();
            log.debugf("remote media moved %s -> %s", target, address);
        }
        sdpAddress = address;
        target = address;
        latched = false;
    }

    /**
     * SRTP from now on with these keys, or plain RTP when null. The same keys again keep the
     * running session (its replay window and rollover counters); other keys start a new one.
     */
    synchronized void setSrtp(SdesCrypto local, SdesCrypto remote) {
        SdesSrtp current = srtp;
        if (local == null) {
            srtp = null;
        } else if (current == null || !current.uses(local, remote)) {
            srtp = new SdesSrtp(local, remote);
        } else {
            return;
        }
        if (current != null) {
            rejectedBefore += current.rejected();
            current.close();
        }
    }

    /** The suite in use, or null for plain RTP. */
    SrtpSuite srtpSuite() {
        SdesSrtp s = srtp;
        return s == null ? null : s.suite();
    }

    /** SRTP packets dropped because they failed authentication or the replay check. */
    synchronized long srtpRejected() {
        SdesSrtp s = srtp;
        return rejectedBefore + (s == null ? 0 : s.rejected());
    }

    @Override
    public void onDatagram(byte[] packet, int length, InetSocketAddress source, long nanoTime) {
        if (!Rtp.isRtp(packet, 0, length)) {
            return;
        }
        SdesSrtp s = srtp;
        int len = s == null ? length : s.unprotect(packet, 0, length);
        if (len < 0 || !accept(source, nanoTime)) {
            return;
        }
        sink.onRtp(this, packet, 0, len, nanoTime);
    }

    private synchronized boolean accept(InetSocketAddress source, long nanoTime) {
        if (!latched && source.equals(abandoned) && (nanoTime - abandonedAtNanos) / 1_000_000 < RELATCH_MILLIS) {
            return false;
        }
        if (latched && !source.equals(target)) {
            if ((nanoTime - lastFromTarget) / 1_000_000 < RELATCH_MILLIS) {
                return false;
            }
            log.infof("RTP source moved %s -> %s", target, source);
        }
        if (!latched) {
            log.debugf("latched RTP to %s", source);
        }
        target = source;
        latched = true;
        lastFromTarget = nanoTime;
        return true;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public boolean isWebRtc() {
        return false;
    }

    @Override
    public boolean send(byte[] b, int off, int len) {
        SdesSrtp s = srtp;
        return s == null ? sendPlain(b, off, len) : s.protect(b, off, len, plainSend);
    }

    private boolean sendPlain(byte[] b, int off, int len) {
        InetSocketAddress to = target;
        if (to == null) {
            return false;
        }
        try {
            return channel.send(ByteBuffer.wrap(b, off, len), to) > 0;
        } catch (IOException e) {
            log.debugf("send to %s failed: %s", to, e);
            return false;
        }
    }

    @Override
    public void close() {
        SdesSrtp s = srtp;
        if (s != null) {
            s.close();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warnf(e, "closing RTP socket");
        }
    }
}
