package io.waihu.telephony.media;

import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import java.util.List;

/**
 * What the relay knows about one leg: negotiated codec and payload types, direction, counters,
 * and how packets sent toward this leg are renumbered. Guarded by the owning session's lock.
 *
 * <p>Payload types: the numbers in an SDP are the ones its author wants to receive (RFC 3264
 * §5.1), so we send with the remote's numbers and accept both the remote's and ours (peers
 * disagree on dynamic numbers more often than the RFC would like).
 *
 * <p>Outgoing renumbering (RFC 3550 §5.1, §8.2): the peer must see one SSRC whose sequence
 * numbers and timestamps continue, whatever happens on the other leg (re-INVITE, a carrier's
 * media server switching, a browser ICE restart). We keep our own SSRC per leg and map each
 * incoming stream with offsets chosen at the switch so that sequence continues by one and the
 * timestamp by the wall-clock time since our last packet; within a stream the offsets stay
 * fixed, so loss and reordering are passed through, not hidden.
 */
final class LegState {

    final Leg leg;
    LegTransport transport;
    boolean negotiated;
    Codec codec;
    int sendPayloadType;
    int ourPayloadType;
    int sendEventPayloadType = -1;
    int ourEventPayloadType = -1;
    Direction remoteDirection = Direction.SENDRECV;
    long negotiatedAtNanos;
    boolean offeredWebRtc;
    MediaProfile offeredProfile = MediaProfile.RTP;
    /** Our a=crypto lines in the latest offer on this leg (empty unless it offered SDES-SRTP). */
    List<SdesCrypto> offeredCrypto = List.of();
    /** What the leg negotiated last. */
    MediaProfile profile = MediaProfile.RTP;
    /** The SDES keys in use: ours (we send with it) and the peer's, or null for no SDES-SRTP. */
    SdesCrypto negotiatedCrypto;
    SdesCrypto negotiatedRemoteCrypto;
    long sdpVersion;
    final long sdpSessionId;
    SessionDescription lastRemote;

    long packetsReceived;
    long bytesReceived;
    long packetsSent;
    long bytesSent;
    long packetsLost;
    boolean haveSequence;
    int lastInSsrc;
    int highestSequence;

    boolean mediaStarted;
    long lastReceivedNanos;
    boolean timeoutReported;
    final DtmfDetector dtmf = new DtmfDetector();

    final int outSsrc;
    private boolean outStarted;
    private int outSourceSsrc;
    private int outSourceLastSeq;
    private int seqOffset;
    private int tsOffset;
    private int lastOutSeq;
    private int lastOutTs;
    private long lastOutNanos;
    private boolean resync;

    LegState(Leg leg, int outSsrc, int initialSeq, int initialTs, long sdpSessionId) {
        this.leg = leg;
        this.outSsrc = outSsrc;
        this.lastOutSeq = initialSeq;
        this.lastOutTs = initialTs;
        this.sdpSessionId = sdpSessionId;
    }

    boolean isAudio(int pt) {
        return negotiated && (pt == sendPayloadType || pt == ourPayloadType);
    }

    boolean isEvent(int pt) {
        return negotiated && pt >= 0 && (pt == sendEventPayloadType || pt == ourEventPayloadType);
    }

    /** Whether we may forward toward this leg: negotiated and the peer wants to receive. */
    boolean receives() {
        return negotiated && transport != null
                && (remoteDirection == Direction.SENDRECV || remoteDirection == Direction.RECVONLY);
    }

    /** Counts an incoming packet; sequence gaps count as lost, late arrivals give one back. */
    void countReceived(int ssrc, int seq, int len) {
        packetsReceived++;
        bytesReceived += len;
        if (!haveSequence || ssrc != lastInSsrc) {
            haveSequence = true;
            lastInSsrc = ssrc;
            highestSequence = seq;
            return;
        }
        int delta = (short) (seq - highestSequence);
        if (delta > 0) {
            if (delta < 3000) {
                packetsLost += delta - 1;
            }
            highestSequence = seq;
        } else if (delta < 0 && delta > -3000 && packetsLost > 0) {
            packetsLost--;
        }
    }

    /**
     * Starts a new stretch toward this leg at the next packet, as a source switch does: after a
     * hold, both sources kept counting while nothing was relayed, and passing that gap on would
     * read as hundreds of packets lost (or, past 1000, trip the jump rule anyway).
     */
    void resyncOutgoing() {
        resync = true;
    }

    /** Renumbers a packet in place for sending toward this leg. */
    void rewrite(byte[] b, int off, int pt, long nanoTime) {
        int ssrc = Rtp.ssrc(b, off);
        int seq = Rtp.sequence(b, off);
        int ts = Rtp.timestamp(b, off);
        boolean marker = Rtp.marker(b, off);
        boolean jump = outStarted && ssrc == outSourceSsrc && Math.abs((short) (seq - outSourceLastSeq)) > 1000;
        if (!outStarted || ssrc != outSourceSsrc || jump || resync) {
            resync = false;
            long elapsed = outStarted ? Math.max(160, (nanoTime - lastOutNanos) * 8 / 1_000_000) : 0;
            seqOffset = lastOutSeq + 1 - seq;
            tsOffset = (int) (lastOutTs + elapsed - ts);
            outSourceSsrc = ssrc;
            outStarted = true;
            marker = true;
        }
        outSourceLastSeq = seq;
        int outSeq = (seq + seqOffset) & 0xffff;
        int outTs = ts + tsOffset;
        if ((short) (outSeq - lastOutSeq) > 0) {
            lastOutSeq = outSeq;
        }
        if (outTs - lastOutTs > 0) {
            lastOutTs = outTs;
        }
        lastOutNanos = nanoTime;
        Rtp.setPayloadType(b, off, pt, marker);
        Rtp.setSequence(b, off, outSeq);
        Rtp.setTimestamp(b, off, outTs);
        Rtp.setSsrc(b, off, outSsrc);
    }

    LegStats stats(long packetsRejected) {
        return new LegStats(packetsReceived, packetsSent, bytesReceived, bytesSent, packetsLost, packetsRejected);
    }
}
