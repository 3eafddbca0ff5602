package io.waihu.telephony.media;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.RecordingInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one thread that touches recording files, so that a slow disk delays recordings, never
 * the relay. After every appended block it rewrites the RIFF and data sizes (RFC 2361 / the
 * Microsoft WAVE layout: bytes 4 and 40 of the 44-byte canonical header), so a file read after
 * a crash is a valid WAV holding everything up to the last flush. Data goes to the page cache
 * only; {@code fsync} happens once, when the recording is finished: a process crash keeps what
 * was written, and 500 recordings cannot afford 500 fsyncs per second. That last sync and the
 * SHA-256 run on a few finisher threads, so that ending calls do not queue behind each other's
 * fsync.
 */
final class RecordingWriter implements AutoCloseable {

    static final int HEADER_BYTES = 44;
    static final int SAMPLE_RATE = 8000;
    static final int CHANNELS = 2;
    static final int BYTES_PER_FRAME = 4;

    private static final Logger LOG = Logger.getLogger(RecordingWriter.class);
    private static final Runnable STOP = () -> {};

    /** Finished files are synced and hashed here, several at once: one fsync at a time cannot keep up with 200 calls/s. */
    private static final int FINISHERS = 4;

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService finishers = Executors.newFixedThreadPool(FINISHERS, r -> {
        Thread t = new Thread(r, "media-recording-finisher");
        t.setDaemon(true);
        return t;
    });

    RecordingWriter() {
        thread = new Thread(this::run, "media-recording-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** One WAV file being written; touched only on the writer thread. */
    final class WavFile {
        private final Path path;
        private final String callId;
        private FileChannel channel;
        private long dataBytes;
        private IOException failure;

        private WavFile(Path path, String callId) {
            this.path = path;
            this.callId = callId;
        }

        /** Queues interleaved little-endian stereo frames for appending. */
        void append(byte[] block) {
            queue.add(() -> doAppend(block));
        }

        /** Queues the end of the file; completes with the finished recording's facts. */
        CompletableFuture<RecordingInfo> finish() {
            CompletableFuture<RecordingInfo> done = new CompletableFuture<>();
            queue.add(() -> doFinish(done));
            return done;
        }

        private void doOpen() {
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE, StandardOpenOption.READ);
                channel.write(header(0), 0);
            } catch (IOException e) {
                fail(e);
            }
        }

        private void doAppend(byte[] block) {
            if (channel == null) {
                return;
            }
            try {
                ByteBuffer data = ByteBuffer.wrap(block);
                long at = HEADER_BYTES + dataBytes;
                while (data.hasRemaining()) {
                    at += channel.write(data, at);
                }
                dataBytes += block.length;
                patchSizes(channel);
            } catch (IOException e) {
                fail(e);
            }
        }

        private void patchSizes(FileChannel c) throws IOException {
            ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            size.putInt(0, (int) (36 + dataBytes));
            c.write(size, 4);
            size.clear();
            size.putInt(0, (int) dataBytes);
            c.write(size, 40);
        }

        private void doFinish(CompletableFuture<RecordingInfo> done) {
            if (channel == null) {
                done.completeExceptionally(failure != null ? failure : new IOException("recording not open: " + path));
                return;
            }
            FileChannel c = channel;
            channel = null;
            try {
                patchSizes(c);
            } catch (IOException e) {
                closeAfterFailure(c, e, done);
                return;
            }
            Duration duration = Duration.ofMillis(dataBytes * 1000 / (SAMPLE_RATE * BYTES_PER_FRAME));
            // nothing writes to the file any more: sync and hash it off this thread, which serves every recording
            finishers.execute(() -> {
                try (c) {
                    c.force(true);
                    done.complete(new RecordingInfo(path, c.size(), duration, sha256(c)));
                } catch (IOException e) {
                    ContextLogger.of(RecordingWriter.class, LogContext.call(callId))
                            .errorf(e, "finishing recording %s failed", path);
                    done.completeExceptionally(e);
                }
            });
        }

        private void closeAfterFailure(FileChannel c, IOException e, CompletableFuture<RecordingInfo> done) {
            ContextLogger.of(RecordingWriter.class, LogContext.call(callId)).errorf(e, "finishing recording %s failed", path);
            try {
                c.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            done.completeExceptionally(e);
        }

        private void fail(IOException e) {
            ContextLogger.of(RecordingWriter.class, LogContext.call(callId)).errorf(e, "recording %s failed", path);
            failure = e;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            channel = null;
        }
    }

    /** Creates the file (header with zero sizes) on the writer thread. */
    WavFile open(Path path, String callId) {
        WavFile f = new WavFile(path, callId);
        queue.add(f::doOpen);
        return f;
    }

    static ByteBuffer header(long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        h.putShort((short) 1).putShort((short) CHANNELS).putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * BYTES_PER_FRAME).putShort((short) BYTES_PER_FRAME).putShort((short) 16);
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return h.flip();
    }

    static String sha256(FileChannel c) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long at = 0;
        for (int n; (n = c.read(buf.clear(), at)) > 0; at += n) {
            digest.update(buf.flip());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("recording task failed", e);
            }
        }
    }

    /** Finishes what is queued, then stops the thread. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(10_000);
            finishers.shutdown();
            finishers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while closing the recording writer"));
        }
    }
}
