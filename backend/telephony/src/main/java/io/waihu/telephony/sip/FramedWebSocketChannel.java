package io.waihu.telephony.sip;

import gov.nist.javax.sip.parser.NioPipelineParser;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageChannel;
import gov.nist.javax.sip.stack.NioWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * JAIN-SIP's SIP-over-WebSocket channel (1.3.0-91) with its frame decoder replaced by
 * {@link WebSocketFrames}: pings are answered with pongs, fragmented messages are assembled,
 * and control frames never reach the SIP parser. The stack's HTTP upgrade handshake is kept
 * as it is; {@link FramedSecureWebSocketChannel} does the same for WSS. The stack keeps the two
 * fields this needs package-private (whether the handshake is
 * still being read, and the SIP parser), so they are reached through {@link VarHandle}s.
 */
final class FramedWebSocketChannel extends NioWebSocketMessageChannel implements WebSocketFrames.Sink {

    private static final VarHandle READING_HTTP;
    private static final VarHandle PARSER;

    static {
        try {
            READING_HTTP = MethodHandles.privateLookupIn(NioWebSocketMessageChannel.class, MethodHandles.lookup())
                    .findVarHandle(NioWebSocketMessageChannel.class, "readingHttp", boolean.class);
            PARSER = MethodHandles.privateLookupIn(NioTcpMessageChannel.class, MethodHandles.lookup())
                    .findVarHandle(NioTcpMessageChannel.class, "nioParser", NioPipelineParser.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The stack's own limit on one SIP message (gov.nist.javax.sip.MAX_MESSAGE_SIZE). */
    static final int MAX_MESSAGE = 65_536;

    private final WebSocketFrames frames = new WebSocketFrames(MAX_MESSAGE);

    FramedWebSocketChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor, SocketChannel socket)
            throws IOException {
        super(stack, processor, socket);
    }

    /** Whether {@code channel} is still reading the HTTP upgrade request. */
    static boolean readingHandshake(NioWebSocketMessageChannel channel) {
        return (boolean) READING_HTTP.get(channel);
    }

    /** Hands a whole SIP message to {@code channel}'s SIP parser. */
    static void parse(NioTcpMessageChannel channel, byte[] sip) throws Exception {
        ((NioPipelineParser) PARSER.get(channel)).addBytes(sip);
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        if (readingHandshake(this)) {
            super.addBytes(bytes); // the upgrade request; bytes after it come back here
            return;
        }
        frames.feed(bytes, this);
    }

    @Override
    public void message(byte[] sip) throws Exception {
        parse(this, sip);
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        sendNonWebSocketMessage(WebSocketFrames.control(WebSocketFrames.OP_PONG, payload), false);
    }

    @Override
    public void close(int status) throws IOException {
        sendNonWebSocketMessage(WebSocketFrames.control(WebSocketFrames.OP_CLOSE,
                new byte[] {(byte) (status >> 8), (byte) status}), false);
        close(true, true);
    }

    /** The WS listening point's processor, making {@link FramedWebSocketChannel}s for accepted connections. */
    static final class Processor extends NioWebSocketMessageProcessor {

        private final SIPTransactionStack stack;

        Processor(InetAddress address, SIPTransactionStack stack, int port) {
            super(address, stack, port);
            this.stack = stack;
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket)
                throws IOException {
            // as the stack's processor does: one channel per socket, kept by the handler
            NioTcpMessageChannel channel = nioHandler.getMessageChannel(socket);
            if (channel == null) {
                channel = new FramedWebSocketChannel(stack, processor, socket);
                nioHandler.putMessageChannel(socket, channel);
            }
            return channel;
        }
    }
}
