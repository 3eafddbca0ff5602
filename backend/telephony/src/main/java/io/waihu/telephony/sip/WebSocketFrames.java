package io.waihu.telephony.sip;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Reads the frames a browser sends on a SIP WebSocket (RFC 6455 §5) and hands out whole SIP
 * messages, pings and the close — never mixed. The stack's own decoder glued the payload of a
 * ping or of a fragment onto the next SIP message and answered no ping (a browser or proxy that
 * pings to keep the connection gets no pong and drops it).
 *
 * <ul>
 * <li>a message is one TEXT or BINARY frame or one followed by CONTINUATION frames up to FIN
 * (§5.4); control frames (PING, PONG, CLOSE) may come between fragments and are not part of it;
 * <li>client frames must be masked (§5.1); control frames are at most 125 bytes and never
 * fragmented (§5.5); reserved bits and opcodes are errors (§5.2);
 * <li>a message longer than {@code maxMessage} (the stack's SIP message limit) is an error.
 * </ul>
 * An error means the connection must be closed (§7.1.7); it is reported, not thrown past the
 * caller.
 */
final class WebSocketFrames {

    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /** What the frames amount to, in order. */
    interface Sink {
        void message(byte[] sip) throws Exception;

        void ping(byte[] payload) throws Exception;

        void close(int status) throws Exception;
    }

    private final int maxMessage;
    private byte[] pending = new byte[0];
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean inMessage;
    private boolean closed;

    WebSocketFrames(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /** Takes more bytes of the stream; calls {@code sink} for each complete frame's meaning. */
    void feed(byte[] bytes, Sink sink) throws Exception {
        if (closed) {
            return;
        }
        byte[] all = Arrays.copyOf(pending, pending.length + bytes.length);
        System.arraycopy(bytes, 0, all, pending.length, bytes.length);
        int at = 0;
        while (!closed) {
            int used = frame(all, at, sink);
            if (used == 0) {
                break;
            }
            at += used;
        }
        pending = Arrays.copyOfRange(all, at, all.length);
        if (pending.length > maxMessage + 14) {
            fail(sink, 1009);
        }
    }

    /** Handles one frame starting at {@code at}; the bytes it took, or 0 when it is not all there yet. */
    private int frame(byte[] b, int at, Sink sink) throws Exception {
        if (b.length - at < 2) {
            return 0;
        }
        boolean fin = (b[at] & 0x80) != 0;
        int rsv = b[at] & 0x70;
        int opcode = b[at] & 0x0F;
        boolean masked = (b[at + 1] & 0x80) != 0;
        long length = b[at + 1] & 0x7F;
        int header = 2;
        if (length == 126) {
            if (b.length - at < 4) {
                return 0;
            }
            length = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            header = 4;
        } else if (length == 127) {
            if (b.length - at < 10) {
                return 0;
            }
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (b[at + 2 + i] & 0xFF);
            }
            header = 10;
        }
        boolean control = opcode >= OP_CLOSE;
        if (rsv != 0 || !masked || length < 0 || length > maxMessage || (control && (!fin || length > 125))
                || !(control ? opcode <= OP_PONG : opcode <= OP_BINARY)) {
            fail(sink, 1002);
            return 0;
        }
        int total = header + 4 + (int) length;
        if (b.length - at < total) {
            return 0;
        }
        byte[] payload = Arrays.copyOfRange(b, at + header + 4, at + total);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= b[at + header + (i & 3)];
        }
        switch (opcode) {
            case OP_PING -> sink.ping(payload);
            case OP_PONG -> { } // an answer to nothing we sent, or a heartbeat: ignored (§5.5.3)
            case OP_CLOSE -> {
                closed = true;
                sink.close(payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1000);
            }
            default -> data(opcode, fin, payload, sink);
        }
        return total;
    }

    private void data(int opcode, boolean fin, byte[] payload, Sink sink) throws Exception {
        if ((opcode == OP_CONTINUATION) != inMessage) {
            fail(sink, 1002); // a continuation with no message begun, or a new message inside one
            return;
        }
        if (message.size() + payload.length > maxMessage) {
            fail(sink, 1009);
            return;
        }
        message.write(payload);
        inMessage = !fin;
        if (fin) {
            byte[] sip = message.toByteArray();
            message.reset();
            sink.message(sip);
        }
    }

    private void fail(Sink sink, int status) throws Exception {
        if (!closed) {
            closed = true;
            sink.close(status);
        }
    }

    /** An unmasked server frame (§5.1: servers do not mask) with a payload of at most 125 bytes. */
    static byte[] control(int opcode, byte[] payload) {
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }
}
