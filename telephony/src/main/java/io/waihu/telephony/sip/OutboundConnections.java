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
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * JAIN-SIP's NIO message processors, with one defect of the stack (1.3.0-91) worked around: the
 * first request we send over a <em>new</em> TCP or TLS connection (an INVITE to a TCP/TLS trunk)
 * could be lost.
 *
 * <p>The stack opens an outbound connection when it creates the message channel for the
 * destination, and means to cache that socket under "address:port" so that the send which
 * follows finds it. But {@code NIOHandler.openOutgoingConnection} removes what it has just cached
 * as it leaves (a flag meant to say "connected" is never set). The send then finds no socket,
 * opens a second connection, and closes the first while its connect is still pending. When the
 * selector has already registered that first connect, finishing it fails, and the failure handler
 * closes the message channel, which by then owns the second connection: the one carrying our
 * INVITE. The carrier sees a connection open and close, the call waits for a timeout.
 *
 * <p>Here the channel's socket is put back into the cache as soon as it is created, so the send
 * reuses it (a pending connection counts as usable; the bytes wait in the processor's queue until
 * the connect completes) and only one connection is ever opened per destination. Everything else
 * is the stack's own {@link NioMessageProcessorFactory}.
 *
 * <p>Named by class in the stack property {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY},
 * so it is public with a public no-argument constructor.
 */
public final class OutboundConnections implements MessageProcessorFactory {

    private final NioMessageProcessorFactory stack = new NioMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack sipStack, InetAddress ipAddress, int port,
            String transport) throws IOException {
        return switch (transport.toUpperCase(Locale.ROOT)) {
            case "TCP" -> new TcpProcessor(ipAddress, sipStack, port);
            case "TLS" -> new TlsProcessor(ipAddress, sipStack, port);
            default -> stack.createMessageProcessor(sipStack, ipAddress, port, transport);
        };
    }

    /** Keeps the socket it opens for a new outbound channel in the cache its sends look in. */
    static final class CachingHandler extends NIOHandler {

        CachingHandler(SIPTransactionStack sipStack, NioTcpMessageProcessor processor) {
            super(sipStack, processor);
        }

        @Override
        public SocketChannel createOrReuseSocket(InetAddress address, int port) throws IOException {
            SocketChannel channel = super.createOrReuseSocket(address, port);
            if (channel != null && channel.isOpen()) {
                putSocket(makeKey(address, port), channel);
            }
            return channel;
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
