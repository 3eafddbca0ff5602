package io.waihu.telephony.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A test RTP endpoint on a real UDP socket: sends a G.711 tone every 20 ms, keeps what it receives. */
final class RtpPeer implements AutoCloseable {

    /** One received RTP packet. */
    record Received(int pt, boolean marker, int seq, int ts, int ssrc, byte[] payload, InetSocketAddress from) {}

    final DatagramSocket socket;
    private final List<Received> received = new ArrayList<>();
    private final Thread receiver;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private ScheduledFuture<?> stream;
    private volatile InetSocketAddress target;
    private int ssrc;
    private int seq;
    private int ts;
    private long sample;

    RtpPeer(InetAddress address) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        receiver = new Thread(this::receive, "rtp-peer-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
        ssrc = 0x1000 + socket.getLocalPort();
        seq = 1000;
        ts = 5000;
    }

    int port() {
        return socket.getLocalPort();
    }

    void target(InetSocketAddress to) {
        target = to;
    }

    /** New SSRC and sequence: what a carrier's media server switch looks like. */
    synchronized void switchSource(int newSsrc, int newSeq, int newTs) {
        ssrc = newSsrc;
        seq = newSeq;
        ts = newTs;
    }

    /** Starts sending a sine tone with {@code codec} under payload type {@code pt}. */
    synchronized void startTone(Codec codec, int pt, double hz) {
        stopTone();
        stream = pacer.scheduleAtFixedRate(() -> sendFrame(codec, pt, hz), 0, 20, TimeUnit.MILLISECONDS);
    }

    synchronized void stopTone() {
        if (stream != null) {
            stream.cancel(false);
            stream = null;
        }
    }

    private void sendFrame(Codec codec, int pt, double hz) {
        byte[] payload = new byte[160];
        synchronized (this) {
            for (int i = 0; i < 160; i++, sample++) {
                int s = (int) (8000 * Math.sin(2 * Math.PI * hz * sample / 8000.0));
                payload[i] = codec == Codec.PCMU ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
            }
            send(pt, false, payload);
            ts += 160;
        }
    }

    /** Sends one RFC 4733 event as a sender would: start, updates, three end packets with one timestamp. */
    synchronized void sendDtmf(int event, int pt) {
        int eventTs = ts;
        for (int i = 1; i <= 8; i++) {
            boolean end = i >= 6;
            int duration = Math.min(i, 6) * 160;
            byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
            sendRaw(pt, i == 1, eventTs, p);
        }
        ts += 6 * 160;
    }

    private void send(int pt, boolean marker, byte[] payload) {
        sendRaw(pt, marker, ts, payload);
    }

    private void sendRaw(int pt, boolean marker, int timestamp, byte[] payload) {
        InetSocketAddress to = target;
        if (to == null) {
            return;
        }
        byte[] b = new byte[12 + payload.length];
        b[0] = (byte) 0x80;
        Rtp.setPayloadType(b, 0, pt, marker);
        Rtp.setSequence(b, 0, seq++ & 0xffff);
        Rtp.setTimestamp(b, 0, timestamp);
        Rtp.setSsrc(b, 0, ssrc);
        System.arraycopy(payload, 0, b, 12, payload.length);
        try {
            socket.send(new DatagramPacket(b, b.length, to));
            sent.incrementAndGet();
        } catch (IOException e) {
            throw new IllegalStateException("test peer send failed", e);
        }
    }

    int sentCount() {
        return sent.get();
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
            byte[] b = p.getData();
            int len = p.getLength();
            if (len < 12) {
                continue;
            }
            byte[] payload = new byte[len - 12];
            System.arraycopy(b, 12, payload, 0, payload.length);
            synchronized (received) {
                received.add(new Received(Rtp.payloadType(b, 0), Rtp.marker(b, 0), Rtp.sequence(b, 0),
                        Rtp.timestamp(b, 0), Rtp.ssrc(b, 0), payload, (InetSocketAddress) p.getSocketAddress()));
            }
        }
    }

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        socket.close();
    }
}
