package io.waihu.telephony.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A parsed 16-bit stereo PCM WAV as the tests check it (recordings: agent left, customer right). */
public record Wav(int riffSize, int format, int channels, int sampleRate, int byteRate, int blockAlign, int bits,
        int dataSize, long fileSize, short[] left, short[] right) {

    public static Wav read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                || !new String(bytes, 8, 8, StandardCharsets.US_ASCII).equals("WAVEfmt ")
                || !new String(bytes, 36, 4, StandardCharsets.US_ASCII).equals("data")) {
            throw new IOException("not a canonical WAV: " + file);
        }
        int dataSize = b.getInt(40);
        int frames = Math.min(dataSize, bytes.length - 44) / 4;
        short[] left = new short[frames];
        short[] right = new short[frames];
        for (int i = 0; i < frames; i++) {
            left[i] = b.getShort(44 + 4 * i);
            right[i] = b.getShort(44 + 4 * i + 2);
        }
        return new Wav(b.getInt(4), b.getShort(20), b.getShort(22), b.getInt(24), b.getInt(28), b.getShort(32),
                b.getShort(34), dataSize, bytes.length, left, right);
    }

    public double seconds() {
        return left.length / 8000.0;
    }

    /** RMS of the non-silent part. */
    public static double rms(short[] s) {
        double sum = 0;
        int n = 0;
        for (short v : s) {
            if (v != 0) {
                sum += (double) v * v;
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /** Frequency estimate from zero crossings over the non-silent samples. */
    public static double frequency(short[] s) {
        int crossings = 0;
        int n = 0;
        short prev = 0;
        for (short v : s) {
            if (v == 0) {
                continue;
            }
            if (n > 0 && (prev < 0) != (v < 0)) {
                crossings++;
            }
            prev = v;
            n++;
        }
        return n == 0 ? 0 : crossings / 2.0 / (n / 8000.0);
    }
}
