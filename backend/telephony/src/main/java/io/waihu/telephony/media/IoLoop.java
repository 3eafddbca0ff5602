package io.waihu.telephony.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * One selector thread serving many UDP sockets. The relay's per-packet cost is a receive, a
 * header rewrite in place and a send, far below a context switch, so a few of these loops
 * carry hundreds of calls where a thread per call would spend the cores on scheduling. Each
 * loop owns one receive buffer that every packet is processed in: nothing is allocated per
 * packet on this path.
 */
final class IoLoop implements Runnable, AutoCloseable {

    /** Receives the datagrams of one socket, on the loop thread. */
    interface Handler {
        /** {@code packet[0, length)} is valid only during the call; the handler may modify it. */
        void onDatagram(byte[] packet, int length, InetSocketAddress source, long nanoTime);
    }

    private static final Logger LOG = Logger.getLogger(IoLoop.class);

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);
    private final Thread thread;
    private volatile boolean running = true;

    IoLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Starts reading {@code channel} (non-blocking) on this loop. */
    void register(DatagramChannel channel, Handler handler) {
        tasks.add(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, handler);
            } catch (ClosedChannelException e) {
                LOG.debug("channel closed before registration", e);
            }
        });
        selector.wakeup();
    }

    /** Runs {@code task} on the loop thread (with the packets of the sockets it serves). */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.isReadable()) {
                        drain((DatagramChannel) key.channel(), (Handler) key.attachment());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // One bad packet or handler must not stop media for every call on this loop.
                LOG.errorf(e, "media loop %s error", thread.getName());
            }
        }
    }

    private void drain(DatagramChannel channel, Handler handler) {
        // Bounded so one busy socket cannot starve the others on this loop.
        for (int i = 0; i < 16; i++) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                // ICMP port unreachable surfaces here on Linux for connected-less sends: not fatal.
                LOG.debugf("receive failed: %s", e);
                return;
            }
            if (source == null) {
                return;
            }
            handler.onDatagram(buffer.array(), buffer.position(), source, System.nanoTime());
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (IOException e) {
            LOG.warn("closing selector", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
