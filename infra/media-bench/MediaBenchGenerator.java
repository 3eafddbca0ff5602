import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator for the media benchmark, in its own JVM so that its cost shows up apart
 * from the gateway's. For N calls it binds two UDP sockets (agent side, customer side), prints
 * their ports, reads the gateway's two ports per call from stdin, then sends a 20 ms G.711
 * frame from every socket every 20 ms (agent PCMU, customer PCMA) and counts what comes back.
 *
 * <pre>protocol (stdout/stdin, one line each):
 *   out: PORTS a1 c1 a2 c2 ...      our sockets
 *   in:  GATEWAY ga1 gc1 ga2 gc2 ... where to send
 *   out: DONE sentAgent sentCustomer recvAgent recvCustomer cpuNanos lateTicks</pre>
 */
public final class MediaBenchGenerator {

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        InetAddress host = InetAddress.getByName(args.length > 2 ? args[2] : "127.0.0.1");
        DatagramChannel[] agent = new DatagramChannel[calls];
        DatagramChannel[] customer = new DatagramChannel[calls];
        StringBuilder ports = new StringBuilder("PORTS");
        for (int i = 0; i < calls; i++) {
            agent[i] = open(host);
            customer[i] = open(host);
            ports.append(' ').append(port(agent[i])).append(' ').append(port(customer[i]));
        }
        System.out.println(ports);
        System.out.flush();
        String[] gw = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine().split(" ");
        InetSocketAddress[] toAgentLeg = new InetSocketAddress[calls];
        InetSocketAddress[] toCustomerLeg = new InetSocketAddress[calls];
        for (int i = 0; i < calls; i++) {
            toAgentLeg[i] = new InetSocketAddress(host, Integer.parseInt(gw[1 + 2 * i]));
            toCustomerLeg[i] = new InetSocketAddress(host, Integer.parseInt(gw[2 + 2 * i]));
        }

        AtomicLongArray received = new AtomicLongArray(2);
        Selector selector = Selector.open();
        for (int i = 0; i < calls; i++) {
            agent[i].register(selector, SelectionKey.OP_READ, 0);
            customer[i].register(selector, SelectionKey.OP_READ, 1);
        }
        Thread receiver = new Thread(() -> receive(selector, received), "bench-receive");
        receiver.setDaemon(true);
        receiver.start();

        long cpuBefore = cpu();
        byte[] ulaw = tone(true);
        byte[] alaw = tone(false);
        // Two senders: one thread cannot make 50,000 sendto() calls a second on a busy 2-core box.
        int senders = 2;
        AtomicLongArray sent = new AtomicLongArray(3);
        Thread[] threads = new Thread[senders];
        long start = System.nanoTime();
        for (int k = 0; k < senders; k++) {
            int first = k * calls / senders;
            int last = (k + 1) * calls / senders;
            threads[k] = new Thread(() -> {
                ByteBuffer packet = ByteBuffer.allocate(172);
                long next = start;
                for (int t = 0; t < seconds * 50; t++) {
                    long a = 0;
                    long c = 0;
                    for (int i = first; i < last; i++) {
                        a += send(agent[i], toAgentLeg[i], packet, 0, 0x10000 + i, t, ulaw);
                        c += send(customer[i], toCustomerLeg[i], packet, 8, 0x20000 + i, t, alaw);
                    }
                    sent.addAndGet(0, a);
                    sent.addAndGet(1, c);
                    next += 20_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else {
                        sent.incrementAndGet(2);
                    }
                }
            }, "bench-send-" + k);
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long sentAgent = sent.get(0);
        long sentCustomer = sent.get(1);
        long lateTicks = sent.get(2);
        // A starved gateway may still be working through its socket queues: count only once
        // nothing has come back for 1.5 s, so a backlog is not mistaken for loss.
        long stableSince = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() - stableSince < 1_500_000_000L) {
            long now = received.get(0) + received.get(1);
            if (now != seen) {
                seen = now;
                stableSince = System.nanoTime();
            }
            LockSupport.parkNanos(100_000_000L);
        }
        System.out.println("DONE " + sentAgent + " " + sentCustomer + " " + received.get(0) + " " + received.get(1) + " "
                + (cpu() - cpuBefore) + " " + lateTicks);
        System.out.flush();
    }

    private static DatagramChannel open(InetAddress host) throws Exception {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(host, 0));
        ch.configureBlocking(false);
        return ch;
    }

    private static int port(DatagramChannel ch) throws Exception {
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }

    private static int send(DatagramChannel ch, InetSocketAddress to, ByteBuffer b, int pt, int ssrc, int tick, byte[] frame) {
        b.clear();
        b.put((byte) 0x80).put((byte) pt).putShort((short) tick).putInt(tick * 160).putInt(ssrc).put(frame, 0, 160);
        b.flip();
        try {
            return ch.send(b, to) > 0 ? 1 : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void receive(Selector selector, AtomicLongArray received) {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (true) {
            try {
                selector.select();
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    int side = (Integer) key.attachment();
                    while (true) {
                        buf.clear();
                        if (ch.receive(buf) == null) {
                            break;
                        }
                        received.incrementAndGet(side);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** 20 ms of a 440 Hz tone, G.711 coded by the textbook segment search. */
    private static byte[] tone(boolean ulaw) {
        byte[] f = new byte[160];
        for (int i = 0; i < 160; i++) {
            int s = (int) (6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            f[i] = ulaw ? ulaw(s) : alaw(s);
        }
        return f;
    }

    private static byte ulaw(int s) {
        int sign = s < 0 ? 0x80 : 0;
        int m = Math.min(Math.abs(s), 32635) + 0x84;
        int exp = 7;
        while (exp > 0 && (m & (0x4000 >> (7 - exp))) == 0) {
            exp--;
        }
        return (byte) ~(sign | exp << 4 | (m >> (exp + 3)) & 0x0f);
    }

    private static byte alaw(int s) {
        int sign = s >= 0 ? 0x80 : 0;
        int m = Math.min(s >= 0 ? s : -s - 1, 32767);
        int exp = 7;
        while (exp > 1 && (m & (0x4000 >> (7 - exp))) == 0) {
            exp--;
        }
        int v = m < 256 ? m >> 4 : exp << 4 | (m >> (exp + 3)) & 0x0f;
        return (byte) ((sign | v) ^ 0x55);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
