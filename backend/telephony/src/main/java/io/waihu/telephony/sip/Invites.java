package io.waihu.telephony.sip;

import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.TrunkSpec;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * Builds the two initial INVITEs of a click-to-dial call (RFC 3261 §8.1.1): to the agent's
 * registered contact, with the auto-answer hints desk phones and softphones understand, and to the
 * carrier through the trunk.
 */
final class Invites {

    /**
     * Auto-answer hints. {@code Call-Info: answer-after=0} is read by Snom, Yealink, Grandstream
     * and SIP.js-based softphones; {@code Alert-Info: info=alert-autoanswer} by Polycom and Cisco.
     */
    static final String CALL_INFO_AUTO_ANSWER = ";answer-after=0";
    static final String ALERT_INFO_AUTO_ANSWER = "<http://127.0.0.1>;info=alert-autoanswer";
    /** Waihu's call id, so a softphone can follow (and hang up) the call through the API too. */
    static final String CALL_ID_HEADER = "X-Call-Id";

    private Invites() {}

    /** The customer's number as the carrier wants it: dial prefix plus the digits, no '+'. */
    static String dialString(TrunkSpec trunk, String number) {
        StringBuilder digits = new StringBuilder(trunk.dialPrefix());
        for (char c : number.toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    static Request toAgent(SipContext sip, OutboundCall call, Binding binding, String sdpOffer)
            throws ParseException, InvalidArgumentException {
        Flow flow = binding.flow();
        URI target = sip.addresses.createURI(binding.contact());
        Address agentAor = sip.address(binding.user(), sip.config.advertisedHost());
        // the agent's phone shows who is being called
        Address from = sip.address(dialString(call.trunk(), call.number()), sip.config.advertisedHost());
        from.setDisplayName(call.number());
        Request invite = request(sip, target, from, agentAor, sip.provider.getNewCallId(), flow.transport(), sdpOffer);
        SipURI gateway = sip.addresses.createSipURI(null, sip.config.advertisedHost());
        invite.addHeader(sip.headers.createHeader("Call-Info", "<" + gateway + ">" + CALL_INFO_AUTO_ANSWER));
        invite.addHeader(sip.headers.createHeader("Alert-Info", ALERT_INFO_AUTO_ANSWER));
        invite.addHeader(sip.headers.createHeader(CALL_ID_HEADER, call.callId()));
        return invite;
    }

    static Request toTrunk(SipContext sip, OutboundCall call, String sdpOffer)
            throws ParseException, InvalidArgumentException {
        TrunkSpec trunk = call.trunk();
        String transport = trunk.transport().name();
        String dialed = dialString(trunk, call.number());
        SipURI target = sip.addresses.createSipURI(dialed, trunk.host());
        target.setPort(trunk.port());
        target.setTransportParam(transport.toLowerCase(Locale.ROOT));
        String callerId = trunk.callerId() == null || trunk.callerId().isBlank() ? "anonymous" : trunk.callerId();
        Address from = sip.address(callerId, sip.config.advertisedHost());
        Address to = sip.address(dialed, trunk.host());
        return request(sip, target, from, to, sip.provider.getNewCallId(), transport, sdpOffer);
    }

    private static Request request(SipContext sip, URI target, Address from, Address to, CallIdHeader callId,
            String transport, String sdpOffer) throws ParseException, InvalidArgumentException {
        FromHeader fromHeader = sip.headers.createFromHeader(from, SipContext.newTag());
        ToHeader toHeader = sip.headers.createToHeader(to, null);
        Request invite = sip.messages.createRequest(target, Request.INVITE, callId,
                sip.headers.createCSeqHeader(1L, Request.INVITE), fromHeader, toHeader,
                List.of(sip.via(transport)), sip.headers.createMaxForwardsHeader(70),
                sip.headers.createContentTypeHeader("application", "sdp"), sdpOffer);
        invite.addHeader(sip.contact(transport));
        invite.addHeader(sip.allow());
        return invite;
    }
}
