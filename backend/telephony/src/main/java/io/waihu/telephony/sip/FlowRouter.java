package io.waihu.telephony.sip;

import gov.nist.javax.sip.stack.HopImpl;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * Decides where the stack sends each request. Requests of a dialog with an agent's phone go over
 * the {@link Flow} the phone registered or called from (keyed by the leg's SIP Call-ID), not to
 * the Contact address: behind NAT that address is private, and a browser's is
 * {@code *.invalid}. Everything else follows RFC 3263 in its simplest form: the first Route, or
 * else the Request-URI's host, port and transport (no DNS SRV/NAPTR: trunks are configured with
 * host and port).
 *
 * <p>The stack instantiates the router itself ({@code javax.sip.ROUTER_PATH}, with
 * {@code javax.sip.USE_ROUTER_FOR_ALL_URIS=true}), hence the public constructor.
 */
public final class FlowRouter implements Router {

    private final Map<String, Flow> flowsByCallId = new ConcurrentHashMap<>();

    public FlowRouter(SipStack stack, String outboundProxy) {
        // no outbound proxy: trunks are addressed directly
    }

    void pin(String sipCallId, Flow flow) {
        flowsByCallId.put(sipCallId, flow);
    }

    void unpin(String sipCallId) {
        flowsByCallId.remove(sipCallId);
    }

    int pinned() {
        return flowsByCallId.size();
    }

    @Override
    public Hop getOutboundProxy() {
        return null;
    }

    /** Required by the interface, unused by the stack since JAIN-SIP 1.2. */
    @Override
    @Deprecated
    public ListIterator<Hop> getNextHops(Request request) {
        try {
            return List.of(getNextHop(request)).listIterator();
        } catch (SipException e) {
            return List.<Hop>of().listIterator();
        }
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        Flow flow = callId == null ? null : flowsByCallId.get(callId.getCallId());
        if (flow != null) {
            return new HopImpl(flow.host(), flow.port(), flow.transport());
        }
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (route != null && route.getAddress().getURI() instanceof SipURI uri) {
            return hop(uri);
        }
        if (request.getRequestURI() instanceof SipURI uri) {
            return hop(uri);
        }
        throw new SipException("no route for " + request.getRequestURI().getScheme() + " URI");
    }

    private static Hop hop(SipURI uri) {
        String transport = uri.getTransportParam();
        if (transport == null) {
            transport = uri.isSecure() ? "TLS" : "UDP";
        }
        transport = transport.toUpperCase(Locale.ROOT);
        int port = uri.getPort();
        if (port <= 0) {
            port = transport.equals("TLS") || transport.equals("WSS") ? 5061 : 5060;
        }
        return new HopImpl(uri.getHost(), port, transport);
    }
}
