package io.waihu.telephony.media;

import io.waihu.telephony.RecordingInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes a recording that a dead process was writing a valid WAV again. {@link RecordingWriter}
 * patches the RIFF and data sizes after each block, but a process killed between a block and
 * its patch (or before the first one) leaves sizes that are short or zero, and a kill in the
 * middle of a block can leave half a frame at the end. The audio itself is in the file: the
 * page cache outlives the process. So the sizes are taken from the file's length, cut to whole
 * frames, and written into the canonical 44-byte header; the file is then synced once, as a
 * finished recording is. Repairing a repaired file changes nothing.
 */
public final class RecordingRepair {

    private RecordingRepair() {
    }

    /**
     * Repairs {@code file} in place and answers its facts, or empty when it is not a recording
     * this gateway wrote (no canonical header: a machine crash can leave a file that never
     * reached the disk) or holds no audio.
     */
    public static Optional<RecordingInfo> repair(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (c.size() < RecordingWriter.HEADER_BYTES || !canonicalHeader(c)) {
                return Optional.empty();
            }
            long dataBytes = (c.size() - RecordingWriter.HEADER_BYTES) / RecordingWriter.BYTES_PER_FRAME
                    * RecordingWriter.BYTES_PER_FRAME;
            if (dataBytes == 0) {
                return Optional.empty();
            }
            c.truncate(RecordingWriter.HEADER_BYTES + dataBytes);
            ByteBuffer header = RecordingWriter.header(dataBytes);
            while (header.hasRemaining()) {
                c.write(header, header.position());
            }
            c.force(true);
            Duration duration = Duration.ofMillis(dataBytes * 1000
                    / (RecordingWriter.SAMPLE_RATE * RecordingWriter.BYTES_PER_FRAME));
            return Optional.of(new RecordingInfo(file, c.size(), duration, RecordingWriter.sha256(c)));
        }
    }

    /** Whether the file starts with the header {@link RecordingWriter} writes, sizes aside. */
    private static boolean canonicalHeader(FileChannel c) throws IOException {
        ByteBuffer found = ByteBuffer.allocate(RecordingWriter.HEADER_BYTES);
        if (c.read(found, 0) < RecordingWriter.HEADER_BYTES) {
            return false;
        }
        ByteBuffer expected = RecordingWriter.header(0);
        for (int i = 0; i < RecordingWriter.HEADER_BYTES; i++) {
            boolean size = (i >= 4 && i < 8) || i >= 40;
            if (!size && found.get(i) != expected.get(i)) {
                return false;
            }
        }
        return true;
    }
}
