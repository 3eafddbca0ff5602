package io.waihu.telephony.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link DatagramSocket} as libjitsi sees it, fed by our demultiplexer instead of the kernel.
 * WebRTC puts STUN, DTLS, SRTP and SRTCP on one port (RFC 7983, RFC 5761); the selector thread
 * reads that port, answers STUN itself and queues the rest here for libjitsi's RTP or RTCP
 * receive thread. Sends go straight out of the shared channel, so the peer sees one port.
 * (ice4j's MultiplexingDatagramSocket does the same job but brings ice4j and its threads.)
 */
final class QueueDatagramSocket extends DatagramSocket {

    private record Datagram(byte[] data, SocketAddress source) {}

    private static final Datagram CLOSED = new Datagram(new byte[0], null);

    private final DatagramChannel channel;
    private final BlockingQueue<Datagram> queue = new ArrayBlockingQueue<>(256);
    private volatile boolean closed;

    QueueDatagramSocket(DatagramChannel channel) throws SocketException {
        super((SocketAddress) null);
        this.channel = channel;
    }

    /** Queues a copy of a received datagram; drops it when libjitsi has fallen 256 behind. */
    void offer(byte[] b, int off, int len, InetSocketAddress source) {
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        queue.offer(new Datagram(copy, source));
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        Datagram d;
        try {
            d = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("interrupted");
        }
        if (d == CLOSED) {
            queue.offer(CLOSED);
            throw new SocketException("socket closed");
        }
        int n = Math.min(d.data().length, p.getData().length - p.getOffset());
        System.arraycopy(d.data(), 0, p.getData(), p.getOffset(), n);
        p.setLength(n);
        p.setSocketAddress(d.source());
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        if (closed) {
            throw new SocketException("socket closed");
        }
        channel.send(ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength()), p.getSocketAddress());
    }

    @Override
    public InetAddress getLocalAddress() {
        SocketAddress a = localSocketAddress();
        return a == null ? null : ((InetSocketAddress) a).getAddress();
    }

    @Override
    public int getLocalPort() {
        SocketAddress a = localSocketAddress();
        return a == null ? -1 : ((InetSocketAddress) a).getPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return localSocketAddress();
    }

    private SocketAddress localSocketAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public void setReceiveBufferSize(int size) {
        // The kernel buffer belongs to the shared channel; the queue bounds what waits here.
    }

    @Override
    public int getReceiveBufferSize() {
        return 256 * 1500;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSED);
        super.close();
    }
}
