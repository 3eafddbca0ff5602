package io.waihu.telephony.sip;

import java.util.Locale;

/**
 * The network path a phone's request arrived on: transport plus the packet's source address and
 * port (what RFC 3581 {@code received}/{@code rport} record). Requests to that phone go back over
 * it, because a phone behind NAT or a browser (whose Contact is {@code *.invalid}, RFC 7118 §5)
 * can only be reached through the connection or pinhole it opened.
 */
record Flow(String transport, String host, int port) {

    Flow {
        transport = transport.toUpperCase(Locale.ROOT);
    }

    /** Browser softphones speak SIP over WebSocket and media over WebRTC. */
    boolean webrtc() {
        return transport.equals("WS") || transport.equals("WSS");
    }

    @Override
    public String toString() {
        return transport + ":" + host + ":" + port;
    }
}
