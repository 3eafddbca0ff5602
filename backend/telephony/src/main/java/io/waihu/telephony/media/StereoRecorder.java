package io.waihu.telephony.media;

import io.waihu.telephony.Leg;

/**
 * Places both legs' decoded audio on one timeline: agent left, customer right, 8 kHz 16-bit.
 * A packet's position is its RTP timestamp relative to an anchor taken from the arrival time
 * of the first packet of its stream, so in-stream timing (and gaps: silence) follows the
 * sender's clock while both channels share the recorder's wall clock. When a stream drifts
 * more than {@value #REANCHOR_FRAMES} frames from arrival time (new SSRC, hold and resume,
 * a sender clock jump) it is re-anchored.
 *
 * <p>Audio is kept in a small ring; every flush interval the part older than
 * {@value #JITTER_FRAMES} frames (packets arriving later than that are not recorded) is cut
 * into a block and handed to the {@link RecordingWriter}. The relay thread only decodes and
 * copies, never touches the disk.
 */
final class StereoRecorder {

    private static final int REANCHOR_FRAMES = 1600;
    private static final int JITTER_FRAMES = 2400;

    private final RecordingWriter.WavFile file;
    private final long startNanos;
    private final int capacity;
    private final byte[] ring;
    private final long[] anchorFrame = new long[2];
    private final int[] anchorTimestamp = new int[2];
    private final int[] anchorSsrc = new int[2];
    private final boolean[] anchored = new boolean[2];
    private long flushed;
    private long highest;
    private boolean stopped;

    StereoRecorder(RecordingWriter.WavFile file, long startNanos, int flushFrames) {
        this.file = file;
        this.startNanos = startNanos;
        this.capacity = flushFrames + JITTER_FRAMES + 8000;
        this.ring = new byte[capacity * RecordingWriter.BYTES_PER_FRAME];
    }

    /** Records one G.711 payload from a leg. */
    synchronized void write(Leg leg, Codec codec, byte[] b, int off, int len, int ssrc, int timestamp, long nanoTime) {
        if (stopped || len <= 0) {
            return;
        }
        int ch = leg == Leg.AGENT ? 0 : 1;
        long arrival = frameAt(nanoTime);
        if (!anchored[ch] || anchorSsrc[ch] != ssrc) {
            anchor(ch, ssrc, timestamp, arrival);
        }
        long pos = anchorFrame[ch] + (timestamp - anchorTimestamp[ch]);
        if (Math.abs(pos - arrival) > REANCHOR_FRAMES) {
            anchor(ch, ssrc, timestamp, arrival);
            pos = arrival;
        }
        long end = pos + len;
        if (end <= flushed) {
            return;
        }
        if (end > flushed + capacity) {
            cut(end - capacity);
        }
        for (long f = Math.max(pos, flushed); f < end; f++) {
            short s = codec.toLinear(b[off + (int) (f - pos)]);
            int i = (int) (f % capacity) * RecordingWriter.BYTES_PER_FRAME + ch * 2;
            ring[i] = (byte) s;
            ring[i + 1] = (byte) (s >> 8);
        }
        highest = Math.max(highest, end);
    }

    private void anchor(int ch, int ssrc, int timestamp, long arrival) {
        anchored[ch] = true;
        anchorSsrc[ch] = ssrc;
        anchorTimestamp[ch] = timestamp;
        anchorFrame[ch] = arrival;
    }

    /** Hands audio older than the jitter allowance to the writer (timer thread). */
    synchronized void flush(long nanoTime) {
        if (!stopped) {
            cut(frameAt(nanoTime) - JITTER_FRAMES);
        }
    }

    /** Cuts everything up to now and queues the end of the file. */
    synchronized java.util.concurrent.CompletableFuture<io.waihu.telephony.RecordingInfo> stop(long nanoTime) {
        stopped = true;
        cut(Math.max(frameAt(nanoTime), highest));
        return file.finish();
    }

    private long frameAt(long nanoTime) {
        return (nanoTime - startNanos) * RecordingWriter.SAMPLE_RATE / 1_000_000_000L;
    }

    private void cut(long upTo) {
        if (upTo <= flushed) {
            return;
        }
        int frames = (int) (upTo - flushed);
        byte[] block = new byte[frames * RecordingWriter.BYTES_PER_FRAME];
        int inRing = Math.min(frames, capacity);
        for (int k = 0; k < inRing; k++) {
            int i = (int) ((flushed + k) % capacity) * RecordingWriter.BYTES_PER_FRAME;
            System.arraycopy(ring, i, block, k * RecordingWriter.BYTES_PER_FRAME, RecordingWriter.BYTES_PER_FRAME);
            ring[i] = 0;
            ring[i + 1] = 0;
            ring[i + 2] = 0;
            ring[i + 3] = 0;
        }
        flushed = upTo;
        file.append(block);
    }
}
