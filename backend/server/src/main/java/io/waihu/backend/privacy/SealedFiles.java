package io.waihu.backend.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Files holding personal data at rest (a list import's reject report), encrypted under a data
 * subject's key so that destroying the key ({@link DataKeyStore#destroy}) erases the file's
 * content even where a copy of the file survives (a backup).
 *
 * <p>Streamed in segments of {@value #SEGMENT} bytes, each AES-GCM sealed on its own with its
 * index and whether it is the last in the associated data: a file is written and read in
 * constant memory, and a segment that is moved, dropped or cut off does not decrypt. Format:
 * {@code "WSF1"}, then per segment a 4-byte length and {@code nonce|ciphertext|tag}.
 */
@ApplicationScoped
public class SealedFiles {

    static final int SEGMENT = 64 * 1024;
    private static final byte[] MAGIC = {'W', 'S', 'F', '1'};

    private final DataKeyStore keys;

    public SealedFiles(DataKeyStore keys) {
        this.keys = keys;
    }

    /** A new file sealed under {@code subject}'s key (made now if it has none). */
    public OutputStream create(Path file, String subject) throws IOException {
        SecretKey key = keys.keyFor(subject);
        OutputStream out = Files.newOutputStream(file);
        out.write(MAGIC);
        return new Sealing(new DataOutputStream(out), key, subject);
    }

    /** The file's plain content, or empty when the subject's key is gone (erased). */
    public Optional<InputStream> open(Path file, String subject) throws IOException {
        Optional<SecretKey> key = keys.existingKey(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        DataInputStream in = new DataInputStream(Files.newInputStream(file));
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            in.close();
            throw new IOException("not a sealed file: " + file.getFileName());
        }
        return Optional.of(new Opening(in, key.get(), subject));
    }

    private static byte[] aad(String subject, long index, boolean last) {
        return ("waihu-sealed-file|" + subject + "|" + index + "|" + (last ? "last" : "more"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static final class Sealing extends OutputStream {

        private final DataOutputStream out;
        private final SecretKey key;
        private final String subject;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(SEGMENT);
        private long index;
        private boolean closed;

        Sealing(DataOutputStream out, SecretKey key, String subject) {
            this.out = out;
            this.key = key;
            this.subject = subject;
        }

        @Override
        public void write(int b) throws IOException {
            buffer.write(b);
            if (buffer.size() >= SEGMENT) {
                seal(false);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, SEGMENT - buffer.size());
                buffer.write(b, off, n);
                off += n;
                len -= n;
                if (buffer.size() >= SEGMENT) {
                    seal(false);
                }
            }
        }

        private void seal(boolean last) throws IOException {
            byte[] sealed = Aead.seal(key, buffer.toByteArray(), aad(subject, index++, last));
            out.writeInt(sealed.length);
            out.write(sealed);
            buffer.reset();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            seal(true);
            out.close();
        }
    }

    private static final class Opening extends InputStream {

        private final DataInputStream in;
        private final SecretKey key;
        private final String subject;
        private byte[] plain = new byte[0];
        private int position;
        private long index;
        private boolean last;

        Opening(DataInputStream in, SecretKey key, String subject) {
            this.in = in;
            this.key = key;
            this.subject = subject;
        }

        private boolean fill() throws IOException {
            while (position >= plain.length) {
                if (last) {
                    return false;
                }
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    throw new IOException("the sealed file is cut short", e);
                }
                if (length < 28 || length > SEGMENT + 64) {
                    throw new IOException("the sealed file is damaged");
                }
                byte[] sealed = in.readNBytes(length);
                if (sealed.length < length) {
                    throw new IOException("the sealed file is cut short");
                }
                plain = openSegment(sealed);
                position = 0;
            }
            return true;
        }

        /** A segment is the last one when it opens as such; anything else is damage. */
        private byte[] openSegment(byte[] sealed) throws IOException {
            long at = index++;
            try {
                return Aead.open(key, sealed, aad(subject, at, false));
            } catch (GeneralSecurityException notMore) {
                try {
                    byte[] out = Aead.open(key, sealed, aad(subject, at, true));
                    last = true;
                    return out;
                } catch (GeneralSecurityException e) {
                    throw new IOException("the sealed file does not decrypt (segment " + at + ")", e);
                }
            }
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
