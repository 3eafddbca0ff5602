package io.waihu.telephony.media;

import io.waihu.telephony.ContextLogger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Executor;
import org.jitsi.impl.neomedia.MediaStreamImpl;
import org.jitsi.impl.neomedia.transform.PacketTransformer;
import org.jitsi.impl.neomedia.transform.SinglePacketTransformer;
import org.jitsi.impl.neomedia.transform.TransformEngine;
import org.jitsi.service.neomedia.DefaultStreamConnector;
import org.jitsi.service.neomedia.DtlsControl;
import org.jitsi.service.neomedia.MediaDirection;
import org.jitsi.service.neomedia.MediaStream;
import org.jitsi.service.neomedia.MediaStreamTarget;
import org.jitsi.service.neomedia.RawPacket;
import org.jitsi.service.neomedia.SrtpControlType;
import org.jitsi.service.neomedia.TransmissionFailedException;
import org.jitsi.utils.MediaType;

/**
 * A browser leg: ICE-lite + DTLS-SRTP + rtcp-mux on one UDP port (RFC 8827 security, RFC 8843
 * bundling not needed for audio only). Our selector thread reads the port and demultiplexes by
 * first byte (RFC 7983 §7): STUN is answered here ({@link IceLite}); RTCP goes to libjitsi's
 * control socket; RTP and DTLS to its data socket (libjitsi drops DTLS arriving on the RTCP side
 * under rtcp-mux). libjitsi's MediaStream does DTLS (we are the client, {@code setup:active})
 * and SRTP; an external transformer takes decrypted RTP into the relay and swallows it, and
 * relayed packets go back through {@code injectPacket} so they are encrypted.
 *
 * <p>Cost: the stream runs its own receive threads (RTP and RTCP), a DTLS handshake thread and
 * FMJ's RTCP machinery — several threads per browser leg. That is acceptable for agents (tens
 * per node), not for carrier legs, which is why those stay on {@link PlainRtpTransport}.
 */
final class WebRtcTransport implements LegTransport, IoLoop.Handler {

    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final DatagramChannel channel;
    private final Sink sink;
    private final ContextLogger log;
    private final Executor control;
    private final int localPort;
    private final String ufrag;
    private final String pwd;
    private final QueueDatagramSocket dataSocket;
    private final QueueDatagramSocket controlSocket;
    private final DtlsControl dtls;
    private final MediaStream stream;
    private final Tap tap = new Tap();
    private volatile String remoteUfrag;
    private volatile boolean fingerprintsKnown;
    private volatile boolean closed;
    private InetSocketAddress target;
    private boolean started;

    WebRtcTransport(WebRtcRuntime runtime, DatagramChannel channel, IoLoop loop, Executor control, Sink sink,
            ContextLogger log, SecureRandom random) throws IOException {
        this.channel = channel;
        this.sink = sink;
        this.log = log.forClass(WebRtcTransport.class);
        this.control = control;
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.ufrag = randomString(random, 8);
        this.pwd = randomString(random, 24);
        this.dataSocket = new QueueDatagramSocket(channel);
        this.controlSocket = new QueueDatagramSocket(channel);
        var mediaService = runtime.mediaService();
        this.dtls = (DtlsControl) mediaService.createSrtpControl(SrtpControlType.DTLS_SRTP);
        dtls.setSetup(DtlsControl.Setup.ACTIVE);
        dtls.setRtcpmux(true);
        this.stream = mediaService.createMediaStream(
                new DefaultStreamConnector(dataSocket, controlSocket, true), MediaType.AUDIO, dtls);
        stream.setName(log.context().toString());
        stream.setDirection(MediaDirection.SENDRECV);
        stream.setExternalTransformer(tap);
        loop.register(channel, this);
    }

    private static String randomString(SecureRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
        }
        return sb.toString();
    }

    SdpWriter.WebRtcIdentity identity() {
        return new SdpWriter.WebRtcIdentity(ufrag, pwd, dtls.getLocalFingerprintHashFunction(), dtls.getLocalFingerprint());
    }

    /** ICE credentials and DTLS fingerprints from the remote SDP. */
    void setRemote(String iceUfrag, Map<String, String> fingerprints) {
        remoteUfrag = iceUfrag;
        if (!fingerprints.isEmpty()) {
            dtls.setRemoteFingerprints(fingerprints);
            fingerprintsKnown = true;
            control.execute(this::maybeStart);
        }
    }

    @Override
    public void onDatagram(byte[] packet, int length, InetSocketAddress source, long nanoTime) {
        int first = packet[0] & 0xff;
        if (first < 4) {
            if (IceLite.isStun(packet, length)) {
                stun(packet, length, source);
            }
        } else if (first >= 20 && first <= 63) {
            dataSocket.offer(packet, 0, length, source);
        } else if (first >= 128 && first <= 191) {
            (Rtp.isRtcp(packet, 0, length) ? controlSocket : dataSocket).offer(packet, 0, length, source);
        }
    }

    private void stun(byte[] packet, int length, InetSocketAddress source) {
        IceLite.Reply reply = IceLite.handle(packet, length, source, ufrag, pwd, remoteUfrag);
        if (reply == null) {
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(reply.response()), source);
        } catch (IOException e) {
            log.debugf("STUN response to %s failed: %s", source, e);
            return;
        }
        if (reply.useCandidate()) {
            control.execute(() -> nominated(source));
        }
    }

    /** Media follows the most recent nomination (Chromium renominates shortly after connecting). */
    private synchronized void nominated(InetSocketAddress source) {
        if (closed || source.equals(target)) {
            return;
        }
        log.debugf("ICE nominated %s", source);
        target = source;
        stream.setTarget(new MediaStreamTarget(source, source));
        maybeStart();
    }

    /** DTLS starts once we know where to send and whom to expect (the answer may come after the checks). */
    private synchronized void maybeStart() {
        if (closed || started || target == null || !fingerprintsKnown) {
            return;
        }
        started = true;
        stream.start();
        dtls.start(MediaType.AUDIO);
        log.debugf("DTLS started toward %s", target);
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public boolean isWebRtc() {
        return true;
    }

    @Override
    public boolean send(byte[] b, int off, int len) {
        if (!stream.isStarted()) {
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        try {
            ((MediaStreamImpl) stream).injectPacket(new RawPacket(copy, 0, len), true, tap, true);
            return true;
        } catch (TransmissionFailedException e) {
            log.debugf("inject failed: %s", e);
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        stream.close();
        dataSocket.close();
        controlSocket.close();
        try {
            channel.close();
        } catch (IOException e) {
            log.warnf(e, "closing WebRTC socket");
        }
    }

    /** Sits in libjitsi's transform chain just before SRTP: sees RTP decrypted on the way in. */
    private final class Tap implements TransformEngine {
        private final PacketTransformer rtp = new SinglePacketTransformer() {
            @Override
            public RawPacket transform(RawPacket pkt) {
                return pkt;
            }

            @Override
            public RawPacket reverseTransform(RawPacket pkt) {
                if (Rtp.isRtp(pkt.getBuffer(), pkt.getOffset(), pkt.getLength())) {
                    sink.onRtp(WebRtcTransport.this, pkt.getBuffer(), pkt.getOffset(), pkt.getLength(), System.nanoTime());
                }
                return null; // the relay has it; FMJ's receive pipeline never sees it
            }
        };

        @Override
        public PacketTransformer getRTPTransformer() {
            return rtp;
        }

        @Override
        public PacketTransformer getRTCPTransformer() {
            return null;
        }
    }
}
