package io.waihu.telephony.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waihu.telephony.RecordingInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording cut by a crash becomes the file the writer would have finished. */
class RecordingRepairTest {

    @TempDir
    Path dir;

    @Test
    void aRecordingCutByACrashGetsTheSizesOfTheAudioOnDisk() throws Exception {
        RecordingInfo expected = record(dir.resolve("finished.wav"), 50_800);
        byte[] whole = Files.readAllBytes(expected.file());

        Path cut = dir.resolve("cut.wav");
        byte[] crashed = whole.clone();
        zeroSizes(crashed);
        Files.write(cut, crashed);
        // the kill came in the middle of a frame
        Files.write(cut, new byte[] {1, 2}, StandardOpenOption.APPEND);

        RecordingInfo repaired = RecordingRepair.repair(cut).orElseThrow();

        assertArrayEquals(whole, Files.readAllBytes(cut));
        assertEquals(expected.sizeBytes(), repaired.sizeBytes());
        assertEquals(expected.duration(), repaired.duration());
        assertEquals(Duration.ofMillis(6350), repaired.duration());
        assertEquals(expected.sha256(), repaired.sha256());
        assertEquals(repaired, RecordingRepair.repair(cut).orElseThrow(), "repairing twice changes nothing");
    }

    @Test
    void aFileThatIsNoRecordingOrHoldsNoAudioIsLeftAlone() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "x".repeat(100));
        assertTrue(RecordingRepair.repair(text).isEmpty());
        assertEquals("x".repeat(100), Files.readString(text));

        Path empty = dir.resolve("empty.wav");
        Files.write(empty, RecordingWriter.header(0).array());
        assertTrue(RecordingRepair.repair(empty).isEmpty());
    }

    /** Writes {@code frames} stereo frames (a tone left, another right) through the gateway's own writer. */
    private static RecordingInfo record(Path file, int frames) throws Exception {
        try (RecordingWriter writer = new RecordingWriter()) {
            RecordingWriter.WavFile wav = writer.open(file, "test");
            int perBlock = 1600;
            for (int done = 0; done < frames; done += perBlock) {
                int n = Math.min(perBlock, frames - done);
                byte[] block = new byte[n * RecordingWriter.BYTES_PER_FRAME];
                for (int f = 0; f < n; f++) {
                    short left = (short) (8000 * Math.sin(2 * Math.PI * 440 * (done + f) / 8000.0));
                    short right = (short) (8000 * Math.sin(2 * Math.PI * 660 * (done + f) / 8000.0));
                    int i = f * RecordingWriter.BYTES_PER_FRAME;
                    block[i] = (byte) left;
                    block[i + 1] = (byte) (left >> 8);
                    block[i + 2] = (byte) right;
                    block[i + 3] = (byte) (right >> 8);
                }
                wav.append(block);
            }
            return wav.finish().get(10, TimeUnit.SECONDS);
        }
    }

    private static void zeroSizes(byte[] wav) {
        for (int i = 0; i < 4; i++) {
            wav[4 + i] = 0;
            wav[40 + i] = 0;
        }
    }
}
