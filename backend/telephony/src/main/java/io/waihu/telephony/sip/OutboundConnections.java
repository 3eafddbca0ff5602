package io.waihu.telephony.sip;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * JAIN-SIP's NIO message processors, with one defect of the stack (1.3.0-91) worked around and
 * one hook added.
 *
 * <p><b>The defect:</b> the first request we sent over a <em>new</em> TCP or TLS connection (an
 * INVITE to a TCP/TLS trunk) could be lost. The stack opens an outbound connection when it creates
 * the message channel for the destination, and means to cache that socket under "address:port"
 * so that the send which follows finds it. But {@code NIOHandler.openOutgoingConnection} removes
 * what it has just cached as it leaves (a flag meant to say "connected" is never set). The send
 * then found no socket, opened a second connection, and closed the first while its connect was
 * still pending. When the selector had already registered that first connect, finishing it
 * failed, and the failure handler closed the message channel, which by then owned the second
 * connection: the one carrying our INVITE. Here the channel's socket is put back into the cache as
 * soon as it is created, so the send reuses it (a pending connection counts as usable; the bytes
 * wait in the processor's queue until the connect completes) and one connection is opened per
 * destination.
 *
 * <p><b>The hook:</b> when a connection we opened closes (the peer hung up, a reset, a TLS
 * handshake we refused), the stack tells no transaction: an INVITE waiting on it would wait for
 * its timer. The gateway {@linkplain #onOutboundClosed registers} a listener per stack and fails
 * such calls at once.
 *
 * <p>And SIP over WebSocket gets {@link FramedWebSocketChannel}s (WSS:
 * {@link FramedSecureWebSocketChannel}s): pings answered, fragments assembled.
 *
 * <p>Named by class in the stack property {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY},
 * so it is public with a public no-argument constructor.
 */
public final class OutboundConnections implements MessageProcessorFactory {

    private static final Map<SIPTransactionStack, Consumer<InetSocketAddress>> LISTENERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final NioMessageProcessorFactory stack = new NioMessageProcessorFactory();

    /** Calls {@code listener} with the peer of every TCP/TLS connection this stack opened, once it closed. */
    static void onOutboundClosed(javax.sip.SipStack sipStack, Consumer<InetSocketAddress> listener) {
        LISTENERS.put((SIPTransactionStack) sipStack, listener);
    }

    static void forget(javax.sip.SipStack sipStack) {
        LISTENERS.remove(sipStack);
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack sipStack, InetAddress ipAddress, int port,
            String transport) throws IOException {
        return switch (transport.toUpperCase(Locale.ROOT)) {
            case "TCP" -> new TcpProcessor(ipAddress, sipStack, port);
            case "TLS" -> new TlsProcessor(ipAddress, sipStack, port);
            case "WS" -> new FramedWebSocketChannel.Processor(ipAddress, sipStack, port);
            case "WSS" -> new FramedSecureWebSocketChannel.Processor(ipAddress, sipStack, port);
            default -> stack.createMessageProcessor(sipStack, ipAddress, port, transport);
        };
    }

    /**
     * Keeps the socket it opens for a new outbound channel in the cache its sends look in, and
     * reports the outbound sockets that close.
     */
    static final class CachingHandler extends NIOHandler {

        private final SIPTransactionStack sipStack;
        private final Map<SocketChannel, InetSocketAddress> opened = new ConcurrentHashMap<>();

        CachingHandler(SIPTransactionStack sipStack, NioTcpMessageProcessor processor) {
            super(sipStack, processor);
            this.sipStack = sipStack;
        }

        @Override
        public SocketChannel createOrReuseSocket(InetAddress address, int port) throws IOException {
            SocketChannel channel = super.createOrReuseSocket(address, port);
            if (channel != null && channel.isOpen()) {
                putSocket(makeKey(address, port), channel);
                opened.put(channel, new InetSocketAddress(address, port));
            }
            return channel;
        }

        @Override
        protected void removeSocket(SocketChannel channel) {
            super.removeSocket(channel);
            InetSocketAddress peer = opened.remove(channel);
            Consumer<InetSocketAddress> listener = LISTENERS.get(sipStack);
            if (peer != null && listener != null) {
                listener.accept(peer);
            }
        }
    }

    static final class TcpProcessor extends NioTcpMessageProcessor {
        TcpProcessor(InetAddress ipAddress, SIPTransactionStack sipStack, int port) {
            super(ipAddress, sipStack, port);
            nioHandler = new CachingHandler(sipStack, this);
        }
    }

    static final class TlsProcessor extends NioTlsMessageProcessor {
        TlsProcessor(InetAddress ipAddress, SIPTransactionStack sipStack, int port) {
            super(ipAddress, sipStack, port);
            nioHandler = new CachingHandler(sipStack, this);
        }
    }
}
