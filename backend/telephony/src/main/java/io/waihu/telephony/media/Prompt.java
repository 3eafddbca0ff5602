package io.waihu.telephony.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A recorded message the media engine can play to one leg ({@link MediaSession#play}): the abandon
 * message, a disclosure. Held as 8 kHz linear PCM and encoded per packet for the leg's negotiated
 * codec, so one prompt serves PCMU and PCMA legs alike (an encode is a table look-up).
 *
 * <p>Accepted files: WAV (RIFF), mono, 8000 Hz, 16-bit PCM (format 1), µ-law (7) or A-law (6) —
 * what telephony prompt tools write ({@code sox in.wav -r 8000 -c 1 -e u-law out.wav}). Anything
 * else is refused with a message that says what was found, not resampled: a resampler in the call
 * path is cost and quality we would own, and an operator converts a file once.
 */
public final class Prompt {

    /** Longest prompt accepted: a message, not music on hold (10 min = 9.6 MB of PCM). */
    static final int MAX_SAMPLES = 8000 * 600;

    private final String name;
    private final short[] samples;

    private Prompt(String name, short[] samples) {
        this.name = name;
        this.samples = samples;
    }

    /** Reads a prompt file. */
    public static Prompt load(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Reads a prompt from the class path (the prompts shipped with the gateway). */
    public static Prompt resource(String name) throws IOException {
        try (InputStream in = Prompt.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no prompt resource " + name);
            }
            return parse(name, in.readAllBytes());
        }
    }

    /** Builds a prompt from 8 kHz linear samples (tests, generated tones). */
    public static Prompt ofSamples(String name, short[] samples) {
        return new Prompt(name, samples.clone());
    }

    static Prompt parse(String name, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !ascii(bytes, 0).equals("RIFF") || !ascii(bytes, 8).equals("WAVE")) {
            throw new IOException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = ascii(bytes, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ") && size >= 16 && body + 16 <= bytes.length) {
                format = Short.toUnsignedInt(b.getShort(body));
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format == 0xFFFE && size >= 40) { // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
                    format = Short.toUnsignedInt(b.getShort(body + 24));
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new IOException(name + ": data before the fmt chunk");
                }
                check(name, format, channels, rate, bits);
                int length = (int) Math.min(size, bytes.length - body); // a streamed file may leave the size unset
                return new Prompt(name, decode(name, format, bytes, body, length));
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new IOException(name + ": no data chunk");
    }

    private static void check(String name, int format, int channels, int rate, int bits) throws IOException {
        boolean pcm = format == 1 && bits == 16;
        boolean g711 = (format == 6 || format == 7) && bits == 8;
        if (channels != 1 || rate != 8000 || !(pcm || g711)) {
            throw new IOException(String.format(
                    "%s: format %d, %d channel(s), %d Hz, %d bits; a prompt must be mono 8000 Hz 16-bit PCM, µ-law or A-law",
                    name, format, channels, rate, bits));
        }
    }

    private static short[] decode(String name, int format, byte[] bytes, int off, int len) throws IOException {
        int n = format == 1 ? len / 2 : len;
        if (n > MAX_SAMPLES) {
            throw new IOException(name + ": longer than " + MAX_SAMPLES / 8000 + " s");
        }
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = switch (format) {
                case 1 -> (short) ((bytes[off + 2 * i] & 0xff) | bytes[off + 2 * i + 1] << 8);
                case 7 -> G711.ulawToLinear(bytes[off + i]);
                default -> G711.alawToLinear(bytes[off + i]);
            };
        }
        return s;
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII);
    }

    /** Where it came from (file or resource name), for logs. */
    public String name() {
        return name;
    }

    /** Samples at 8 kHz. */
    int length() {
        return samples.length;
    }

    /** How long it plays. */
    public Duration duration() {
        return Duration.ofMillis(samples.length / 8L);
    }

    /** Encodes {@code count} samples from {@code from} into {@code out} (silence past the end). */
    void encode(Codec codec, int from, int count, byte[] out, int off) {
        for (int i = 0; i < count; i++) {
            int k = from + i;
            short v = k < samples.length ? samples[k] : 0;
            out[off + i] = codec == Codec.PCMU ? G711.linearToUlaw(v) : G711.linearToAlaw(v);
        }
    }

    @Override
    public String toString() {
        return "Prompt[" + name + " " + duration().toMillis() + " ms]";
    }
}
