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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The media end of a SIP peer whose signalling is sipp: a UDP socket on 127.0.0.1 that sends
 * G.711 silence frames (160 bytes, every 20 ms) and keeps every RTP packet it receives with its
 * arrival time. sipp's own RTP (a pcap played once, about 8 s) cannot be steered by a test; this
 * can, and its arrival times let a test check "nothing between these two instants" after the fact
 * instead of sampling a window and hoping.
 */
public final class RtpEndpoint implements AutoCloseable {

    /** One received RTP packet ({@code payload}: the bytes after the 12-byte header). */
    public record Packet(long atNanos, int payloadType, boolean marker, int sequence, int ssrc, InetSocketAddress from,
            int timestamp, byte[] payload) {}

    private final DatagramSocket socket;
    private final List<Packet> received = new ArrayList<>();
    private final ScheduledExecutorService pacer;
    private ScheduledFuture<?> stream;
    private int sent;
    private int seq = 100;
    private int ts = 1000;

    public RtpEndpoint() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtp-endpoint-" + socket.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        Thread receiver = new Thread(this::receive, "rtp-endpoint-rx-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Sends a frame every 20 ms to {@code to} with payload type {@code pt}, replacing any earlier stream. */
    public synchronized void startSending(InetSocketAddress to, int pt) {
        stopSending();
        stream = pacer.scheduleAtFixedRate(() -> send(to, pt), 0, 20, TimeUnit.MILLISECONDS);
    }

    public synchronized void stopSending() {
        if (stream != null) {
            stream.cancel(false);
            stream = null;
        }
    }

    /** One frame now. */
    public synchronized void send(InetSocketAddress to, int pt) {
        byte[] b = new byte[172];
        b[0] = (byte) 0x80;
        b[1] = (byte) (pt & 0x7f);
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        b[4] = (byte) (ts >>> 24);
        b[5] = (byte) (ts >>> 16);
        b[6] = (byte) (ts >>> 8);
        b[7] = (byte) ts;
        int ssrc = 0x5150_0000 + port();
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        Arrays.fill(b, 12, b.length, pt == 8 ? (byte) 0xD5 : (byte) 0xFF); // G.711 silence
        try {
            socket.send(new DatagramPacket(b, b.length, to));
            sent++;
        } catch (IOException e) {
            throw new IllegalStateException("RTP endpoint " + port() + " could not send", e);
        }
        seq = (seq + 1) & 0xffff;
        ts += 160;
    }

    public synchronized int sent() {
        return sent;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return; // closed
            }
            long at = System.nanoTime();
            byte[] b = p.getData();
            if (p.getLength() < 12 || (b[0] & 0xc0) != 0x80) {
                continue;
            }
            Packet packet = new Packet(at, b[1] & 0x7f, (b[1] & 0x80) != 0, ((b[2] & 0xff) << 8) | (b[3] & 0xff),
                    ((b[8] & 0xff) << 24) | ((b[9] & 0xff) << 16) | ((b[10] & 0xff) << 8) | (b[11] & 0xff),
                    (InetSocketAddress) p.getSocketAddress(),
                    ((b[4] & 0xff) << 24) | ((b[5] & 0xff) << 16) | ((b[6] & 0xff) << 8) | (b[7] & 0xff),
                    Arrays.copyOfRange(b, 12, p.getLength()));
            synchronized (received) {
                received.add(packet);
            }
        }
    }

    public List<Packet> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Packets that arrived in {@code [fromNanos, toNanos)}. */
    public List<Packet> receivedBetween(long fromNanos, long toNanos) {
        return received().stream().filter(p -> p.atNanos() - fromNanos >= 0 && p.atNanos() - toNanos < 0).toList();
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        socket.close();
    }
}
