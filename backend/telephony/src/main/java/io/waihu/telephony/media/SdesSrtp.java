package io.waihu.telephony.media;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicLong;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP (RFC 3711) for one plain leg keyed by SDES (RFC 4568): packets from the peer are
 * authenticated, replay-checked and decrypted with the peer's key, packets toward it encrypted
 * and tagged with ours. The crypto is jitsi-srtp's (already on the classpath through libjitsi,
 * which uses it for DTLS-SRTP toward browsers); this class only feeds it our byte arrays.
 *
 * <p>Cost per packet: one AES-CTR pass over 160 payload bytes and one HMAC-SHA1 over the packet,
 * in place, with nothing allocated (one reusable buffer view per direction, one send buffer).
 * Measured in {@code infra/media-bench} (docs/architecture.md).
 *
 * <p>Crypto contexts are per SSRC (the SRTP index lives there). Toward the peer there is one,
 * since the relay sends under one SSRC per leg. From the peer there are a few: a carrier's media
 * server may switch streams. A context for an unknown SSRC is kept only once a packet has
 * authenticated under it, so forged packets cannot fill the table; at most
 * {@value #RECEIVE_CONTEXTS} are kept, the oldest replaced.
 *
 * <p>Threads: {@link #unprotect} runs on the leg's selector thread; {@link #protect} on whichever
 * thread relays toward the leg (the other leg's selector or libjitsi's receive thread). Each
 * direction has its own lock, uncontended in practice.
 */
final class SdesSrtp implements AutoCloseable {

    private static final int RECEIVE_CONTEXTS = 4;
    /**
     * jitsi-srtp's {@code SrtpContextFactory} requires a logging2 {@code Logger} for its own lines
     * (replay and authentication failures), so it gets one; it writes through java.util.logging,
     * which the log manager of the process owns, so those lines land beside ours. This class logs
     * nothing of its own: rejected packets are counted ({@link #rejected()}), not logged one by one.
     */
    private static final Logger JITSI_LOG = new LoggerImpl(SdesSrtp.class.getName());

    /** Our line: the key we send with. */
    final SdesCrypto local;
    /** The peer's line: the key it sends with. */
    final SdesCrypto remote;

    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    private final View sendView = new View();
    private final View receiveView = new View();
    private final byte[] sendBuffer = new byte[2048];
    private SrtpCryptoContext sendContext;
    private final SrtpCryptoContext[] receiveContexts = new SrtpCryptoContext[RECEIVE_CONTEXTS];
    private int nextReceiveSlot;
    private final AtomicLong rejected = new AtomicLong();

    SdesSrtp(SdesCrypto local, SdesCrypto remote) {
        if (local.suite() != remote.suite()) {
            throw new IllegalArgumentException("both directions of an SDES session use one suite");
        }
        this.local = local;
        this.remote = remote;
        SrtpSuite suite = local.suite();
        this.sendFactory = new SrtpContextFactory(true, local.masterKey(), local.masterSalt(), suite.srtpPolicy(),
                suite.srtcpPolicy(), JITSI_LOG);
        this.receiveFactory = new SrtpContextFactory(false, remote.masterKey(), remote.masterSalt(), suite.srtpPolicy(),
                suite.srtcpPolicy(), JITSI_LOG);
    }

    /**
     * Makes jitsi-srtp choose its AES implementation now. On first use per transformation it
     * benchmarks the providers it can load (OpenSSL through its own JNI library, SunJCE,
     * BouncyCastle) for seconds of CPU: done on a selector thread, that stalled every call on
     * the loop (measured: 2.5 s on a loaded 2-core box). The engine calls this once at start,
     * off the packet path.
     */
    static void warmUp() {
        SdesCrypto key = SdesCrypto.fresh(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80, new java.security.SecureRandom());
        try (SdesSrtp s = new SdesSrtp(key, key)) {
            byte[] packet = new byte[2048];
            packet[0] = (byte) 0x80;
            int[] sent = new int[1];
            s.protect(packet, 0, Rtp.HEADER + 160, (b, off, len) -> {
                System.arraycopy(b, off, packet, 0, len);
                sent[0] = len;
                return true;
            });
            if (s.unprotect(packet, 0, sent[0]) != Rtp.HEADER + 160) {
                throw new IllegalStateException("SRTP self-check failed");
            }
        }
    }

    /** Whether this session already uses exactly these keys (a re-INVITE that changed nothing keeps its state). */
    boolean uses(SdesCrypto localKey, SdesCrypto remoteKey) {
        return local.sameKey(localKey) && remote.sameKey(remoteKey);
    }

    SrtpSuite suite() {
        return local.suite();
    }

    /** SRTP packets from the peer dropped because they failed authentication or the replay check. */
    long rejected() {
        return rejected.get();
    }

    /**
     * Verifies and decrypts {@code b[off, off + len)} in place.
     *
     * @return the RTP packet's length (the tag removed), or -1 when the packet must be dropped
     */
    int unprotect(byte[] b, int off, int len) {
        synchronized (receiveLock) {
            int ssrc = Rtp.ssrc(b, off);
            SrtpCryptoContext context = receiveContext(ssrc);
            boolean fresh = context == null;
            try {
                if (fresh) {
                    context = receiveFactory.deriveContext(ssrc, 0);
                }
                receiveView.wrap(b, off, len);
                SrtpErrorStatus status = context.reverseTransformPacket(receiveView, false);
                if (status != SrtpErrorStatus.OK) {
                    rejected.incrementAndGet();
                    return -1;
                }
            } catch (GeneralSecurityException e) {
                rejected.incrementAndGet();
                return -1;
            }
            if (fresh) {
                receiveContexts[nextReceiveSlot] = context;
                nextReceiveSlot = (nextReceiveSlot + 1) % RECEIVE_CONTEXTS;
            }
            return receiveView.length;
        }
    }

    private SrtpCryptoContext receiveContext(int ssrc) {
        for (SrtpCryptoContext c : receiveContexts) {
            if (c != null && c.getSsrc() == ssrc) {
                return c;
            }
        }
        return null;
    }

    /** Where {@link #protect} hands the finished SRTP packet (our send buffer, valid during the call). */
    interface Sender {
        boolean send(byte[] b, int off, int len);
    }

    /**
     * Encrypts a copy of the RTP packet {@code b[off, off + len)} (the caller's buffer may be
     * another leg's, without room for the tag) and hands it to {@code out} under the send lock,
     * so the buffer cannot be reused while it is being sent.
     */
    boolean protect(byte[] b, int off, int len, Sender out) {
        if (len + local.suite().tagBytes > sendBuffer.length) {
            return false;
        }
        synchronized (sendLock) {
            System.arraycopy(b, off, sendBuffer, 0, len);
            int ssrc = Rtp.ssrc(sendBuffer, 0);
            try {
                if (sendContext == null || sendContext.getSsrc() != ssrc) {
                    sendContext = sendFactory.deriveContext(ssrc, 0);
                }
                sendView.wrap(sendBuffer, 0, len);
                if (sendContext.transformPacket(sendView) != SrtpErrorStatus.OK) {
                    return false;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SRTP encryption unavailable", e);
            }
            return out.send(sendBuffer, 0, sendView.length);
        }
    }

    @Override
    public void close() {
        sendFactory.close();
        receiveFactory.close();
    }

    /** jitsi-srtp's view of a packet: a window on an array, growable up to the array's end. */
    private static final class View implements ByteArrayBuffer {
        private byte[] buffer;
        private int offset;
        private int length;

        void wrap(byte[] b, int off, int len) {
            buffer = b;
            offset = off;
            length = len;
        }

        @Override
        public byte[] getBuffer() {
            return buffer;
        }

        @Override
        public int getOffset() {
            return offset;
        }

        @Override
        public int getLength() {
            return length;
        }

        @Override
        public void setLength(int len) {
            length = len;
        }

        @Override
        public void setOffset(int off) {
            offset = off;
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(buffer, offset + off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (offset + length + howMuch > buffer.length) {
                throw new IllegalStateException("SRTP packet does not fit its buffer");
            }
        }

        @Override
        public void append(byte[] data, int len) {
            grow(len);
            System.arraycopy(data, 0, buffer, offset + length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            length = Math.max(0, length - len);
        }
    }
}
