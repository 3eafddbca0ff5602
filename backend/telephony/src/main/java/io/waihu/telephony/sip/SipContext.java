package io.waihu.telephony.sip;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.SIPTransaction;
import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.LogContext;
import java.text.ParseException;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What the registrar and the calls share: the stack's provider and factories, the configuration,
 * the flow router, the executors and the clock, plus the small message helpers they all need
 * (our Via and Contact with the advertised address, stateful responses).
 */
final class SipContext {

    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER";

    final SipProvider provider;
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final GatewayConfig config;
    final FlowRouter router;
    final Executor workers;
    final ScheduledExecutorService scheduler;
    final Clock clock;

    SipContext(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
            GatewayConfig config, FlowRouter router, Executor workers, ScheduledExecutorService scheduler,
            Clock clock) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.config = config;
        this.router = router;
        this.workers = workers;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    static String newTag() {
        return Utils.getInstance().generateTag();
    }

    /** Our Via for a request sent over {@code transport}, with the advertised sent-by and a fresh branch. */
    ViaHeader via(String transport) throws ParseException, InvalidArgumentException {
        ViaHeader via = headers.createViaHeader(config.advertisedHost(), config.portFor(transport), transport,
                Utils.getInstance().generateBranchId());
        via.setRPort();
        return via;
    }

    /** Our Contact for dialogs over {@code transport} (RFC 3261 §8.1.1.8: where in-dialog requests reach us). */
    ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI("waihu", config.advertisedHost());
        uri.setPort(config.portFor(transport));
        uri.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    AllowHeader allow() throws ParseException {
        return headers.createAllowHeader(ALLOW);
    }

    /**
     * The server transaction of a request, created when the stack has not made one (it does not
     * when automatic dialog support is off). Null for a retransmission the stack already has a
     * transaction for.
     */
    ServerTransaction serverTransaction(javax.sip.RequestEvent event) throws SipException {
        ServerTransaction st = event.getServerTransaction();
        if (st != null) {
            return st;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    /** The flow a request came in on (transport of the connection, packet source address and port). */
    static Flow flowOf(Request request, ServerTransaction st) {
        SIPMessage message = (SIPMessage) request;
        String transport = st instanceof SIPTransaction t
                ? t.getTransport()
                : ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport();
        return new Flow(transport, message.getPeerPacketSourceAddress().getHostAddress(),
                message.getPeerPacketSourcePort());
    }

    /**
     * Sends a response on a server transaction; failures are logged (the peer retransmits or gives up).
     * A response other than 100 to a request without a To tag gets one (RFC 3261 §8.2.6.2) unless the
     * caller set its own (the agent leg keeps one tag for all its responses).
     */
    void respond(ServerTransaction st, Response response, LogContext context) {
        try {
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (response.getStatusCode() > Response.TRYING && to != null && to.getTag() == null) {
                to.setTag(newTag());
            }
            st.sendResponse(response);
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            ContextLogger.of(SipContext.class, context).warnf(e, "could not send %d", response.getStatusCode());
        }
    }

    /** A plain response (optionally with a reason phrase) on a server transaction. */
    void respond(ServerTransaction st, int code, String reason, LogContext context) {
        try {
            Response response = messages.createResponse(code, st.getRequest());
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            if (code == Response.METHOD_NOT_ALLOWED) {
                response.addHeader(allow());
            }
            respond(st, response, context);
        } catch (ParseException e) {
            ContextLogger.of(SipContext.class, context).warnf(e, "could not build %d", code);
        }
    }

    /** The Address of a SIP URI built from parts, for From/To. */
    Address address(String user, String host) throws ParseException {
        return addresses.createAddress(addresses.createSipURI(user, host));
    }
}
