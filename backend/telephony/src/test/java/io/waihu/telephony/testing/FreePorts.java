package io.waihu.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** Free ephemeral ports for tests (other builds run on this machine at the same time). */
public final class FreePorts {

    private FreePorts() {}

    /** Ports handed out in this JVM: a port probed free and released can come back from the kernel. */
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

    /**
     * A port that is free for both UDP and TCP on 127.0.0.1 right now, and not handed out before
     * in this JVM (a test asking for two ports before binding either gets two different ones).
     */
    public static int udpAndTcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                if (!ISSUED.add(port)) {
                    continue;
                }
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port");
    }

    /** True once something has bound this UDP port. */
    public static boolean udpBound(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return probe.getLocalPort() != port;
        } catch (IOException e) {
            return true;
        }
    }

    /** True once something accepts TCP connections on this port. */
    public static boolean tcpListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits (polling every 20 ms) until the condition holds; fails after the timeout. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
