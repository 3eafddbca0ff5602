package io.waihu.telephony.sip;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsWebSocketMessageChannel;
import gov.nist.javax.sip.stack.NioTlsWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * {@link FramedWebSocketChannel} for SIP over secure WebSocket: the stack's TLS channel decrypts,
 * then hands the plain bytes to the same broken frame decoder; here they go to
 * {@link WebSocketFrames} once the upgrade request has been read.
 */
final class FramedSecureWebSocketChannel extends NioTlsWebSocketMessageChannel implements WebSocketFrames.Sink {

    private final WebSocketFrames frames = new WebSocketFrames(FramedWebSocketChannel.MAX_MESSAGE);

    FramedSecureWebSocketChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor, SocketChannel socket)
            throws IOException {
        super(stack, processor, socket);
    }

    @Override
    public void addPlaintextBytes(byte[] bytes) throws Exception {
        if (FramedWebSocketChannel.readingHandshake(this)) {
            super.addPlaintextBytes(bytes);
            return;
        }
        frames.feed(bytes, this);
    }

    @Override
    public void message(byte[] sip) throws Exception {
        FramedWebSocketChannel.parse(this, sip);
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

    /** The WSS listening point's processor, making {@link FramedSecureWebSocketChannel}s for accepted connections. */
    static final class Processor extends NioTlsWebSocketMessageProcessor {

        private final SIPTransactionStack stack;

        Processor(InetAddress address, SIPTransactionStack stack, int port) {
            super(address, stack, port);
            this.stack = stack;
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket)
                throws IOException {
            NioTcpMessageChannel channel = nioHandler.getMessageChannel(socket);
            if (channel == null) {
                channel = new FramedSecureWebSocketChannel(stack, processor, socket);
                nioHandler.putMessageChannel(socket, channel);
            }
            return channel;
        }
    }
}
