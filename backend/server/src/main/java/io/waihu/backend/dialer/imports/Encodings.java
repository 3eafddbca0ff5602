package io.waihu.backend.dialer.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which encoding a CSV file is in. A byte-order mark decides (UTF-8; UTF-16, what Excel's
 * "Unicode text" writes); without one, the file is UTF-8 if its first {@value #NON_ASCII_EVIDENCE}
 * non-ASCII bytes decode as strict UTF-8, GB18030 otherwise. GB18030 is a superset of GBK and
 * GB2312, which Excel in Chinese offices writes as "CSV"; GBK text of more than a few characters
 * is almost never valid UTF-8 (its lead bytes 0x81–0xFE are followed by bytes UTF-8 forbids), and
 * ASCII reads the same in both, so only the first non-ASCII stretch needs looking at — however
 * far into the file it starts (an English header and thousands of numbers before the first
 * Chinese name).
 */
public final class Encodings {

    static final int NON_ASCII_EVIDENCE = 16 * 1024;
    /** GB18030 where the JVM has it (every JDK does), GBK otherwise. */
    public static final Charset GB18030 = Charset.isSupported("GB18030") ? Charset.forName("GB18030") : Charset.forName("GBK");

    /** A detected encoding and how many bytes of byte-order mark to skip. */
    public record Detected(Charset charset, int bomLength) {
    }

    private Encodings() {
    }

    public static Detected detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                return new Detected(StandardCharsets.UTF_8, 3);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
                return new Detected(StandardCharsets.UTF_16LE, 2);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
                return new Detected(StandardCharsets.UTF_16BE, 2);
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new Detected(strictUtf8(in) ? StandardCharsets.UTF_8 : GB18030, 0);
        }
    }

    /** Whether the stream's first non-ASCII stretch is UTF-8; reads up to that evidence, streamed. */
    private static boolean strictUtf8(InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        long nonAscii = 0;
        while (nonAscii < NON_ASCII_EVIDENCE) {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            boolean end = read < 0;
            if (!end) {
                for (int i = bytes.position(); i < bytes.position() + read; i++) {
                    nonAscii += bytes.array()[i] < 0 ? 1 : 0;
                }
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
            try {
                // never "end of input": a sequence the file cuts short at its very end decides nothing
                var result = decoder.decode(bytes, chars, false);
                if (result.isError()) {
                    result.throwException();
                }
            } catch (CharacterCodingException e) {
                return false;
            }
            chars.clear();
            bytes.compact();
            if (end) {
                return true;
            }
        }
        return true;
    }
}
