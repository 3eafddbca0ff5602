package io.waihu.telephony.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A man in the middle for media, to look at the wire and tamper with it. The gateway binds its
 * media sockets on {@code inner} (127.0.0.1) but advertises {@code outer} (127.0.0.2) in SDP;
 * this tap listens on {@code outer} on every even port of the gateway's media range and
 * forwards: peer → gateway's same port, gateway → the peer last heard on that port. Symmetric
 * RTP makes the gateway answer the tap, so both directions pass through it.
 */
public final class UdpTap implements AutoCloseable {

    /** One datagram seen by the tap. */
    public record Seen(int port, boolean towardGateway, byte[] data) {}

    private final InetAddress inner;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    /** May rewrite (or replace) a packet going to the gateway: (port, packet) → packet to forward, or null. */
    private volatile BiFunction<Integer, byte[], byte[]> towardGateway = (port, b) -> b;
    private volatile boolean closed;

    private UdpTap(InetAddress inner) {
        this.inner = inner;
    }

    /**
     * Binds {@code outer} on every even port of [{@code portMin}, {@code portMax}]; returns null
     * when one of them is taken (the caller picks another range).
     */
    public static UdpTap open(InetAddress outer, InetAddress inner, int portMin, int portMax) {
        UdpTap tap = new UdpTap(inner);
        try {
            for (int port = portMin; port < portMax; port += 2) {
                tap.sockets.add(new DatagramSocket(new InetSocketAddress(outer, port)));
            }
        } catch (SocketException e) {
            tap.close();
            return null;
        }
        for (DatagramSocket s : tap.sockets) {
            Thread t = new Thread(() -> tap.pump(s), "udp-tap-" + s.getLocalPort());
            t.setDaemon(true);
            t.start();
            tap.threads.add(t);
        }
        return tap;
    }

    public void towardGateway(BiFunction<Integer, byte[], byte[]> rewrite) {
        towardGateway = rewrite;
    }

    private void pump(DatagramSocket s) {
        int port = s.getLocalPort();
        InetSocketAddress gateway = new InetSocketAddress(inner, port);
        InetSocketAddress peer = null;
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                boolean fromGateway = p.getSocketAddress().equals(gateway);
                seen.add(new Seen(port, !fromGateway, data));
                if (fromGateway) {
                    if (peer != null) {
                        s.send(new DatagramPacket(data, data.length, peer));
                    }
                } else {
                    peer = (InetSocketAddress) p.getSocketAddress();
                    byte[] out = towardGateway.apply(port, data);
                    if (out == null) {
                        dropped.incrementAndGet();
                    } else {
                        s.send(new DatagramPacket(out, out.length, gateway));
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("tap on port " + port + " failed", e);
                }
            }
        }
    }

    /** Sends a datagram of our own to the gateway's socket on {@code port}, as if from the peer. */
    public void inject(int port, byte[] data) {
        for (DatagramSocket s : sockets) {
            if (s.getLocalPort() == port) {
                try {
                    s.send(new DatagramPacket(data, data.length, new InetSocketAddress(inner, port)));
                    return;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no tap on port " + port);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        closed = true;
        sockets.forEach(DatagramSocket::close);
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
