package io.waihu.telephony.media;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Writes our side's SDP. Plain legs get RTP/AVP with PCMU, PCMA and telephone-event (RFC 4733)
 * at ptime 20, the packetisation every carrier accepts; with SDES keys, RTP/SAVP and one
 * {@code a=crypto} line per key (RFC 4568 §9.1: an offer lists every suite we accept, an answer
 * the one it chose). WebRTC legs get UDP/TLS/RTP/SAVPF with
 * ICE-lite (RFC 8445 §2.5: we answer checks, never send them), one host candidate on the
 * advertised address, rtcp-mux (RFC 5761, required by Chromium) and {@code a=setup:active}:
 * the gateway is always the DTLS client because libjitsi's DTLS server negotiates badly with
 * Chromium's DTLS 1.3 ClientHello (see docs in ARCHITECTURE.md "Known facts").
 */
final class SdpWriter {

    /** Our ICE and DTLS identity for a WebRTC leg. */
    record WebRtcIdentity(String ufrag, String pwd, String fingerprintHash, String fingerprint) {}

    private SdpWriter() {}

    /**
     * @param codecs     codecs with the payload type numbers to use, in preference order
     * @param eventPt    telephone-event payload type, or -1 to leave it out
     * @param crypto     our SDES lines for RTP/SAVP, empty for RTP/AVP (ignored for WebRTC)
     * @param remote     the offer we answer (null when we offer): its m-lines are mirrored
     */
    static String write(long sessionId, long version, InetAddress address, int port, WebRtcIdentity webrtc,
            List<SdesCrypto> crypto, List<Codec> codecs, List<Integer> payloadTypes, int eventPt, Direction direction,
            SessionDescription remote) {
        String ipVersion = address instanceof Inet6Address ? "IP6" : "IP4";
        String host = address.getHostAddress();
        StringBuilder sb = new StringBuilder(512);
        line(sb, "v=0");
        line(sb, "o=waihu " + sessionId + " " + version + " IN " + ipVersion + " " + host);
        line(sb, "s=waihu");
        line(sb, "c=IN " + ipVersion + " " + host);
        line(sb, "t=0 0");
        String mid = remote != null && remote.mid() != null ? remote.mid() : "0";
        if (webrtc != null) {
            line(sb, "a=ice-lite");
            if (remote == null || remote.mid() != null) {
                line(sb, "a=group:BUNDLE " + mid);
            }
        }
        List<String> others = remote == null ? null : remote.otherMediaLines();
        int count = others == null ? 1 : others.size();
        for (int i = 0; i < count; i++) {
            String other = others == null ? null : others.get(i);
            if (other != null) {
                String[] f = other.split(" ", 3);
                line(sb, "m=" + f[0] + " 0 " + f[1] + " " + (f.length > 2 ? f[2] : ""));
                continue;
            }
            audio(sb, port, webrtc, crypto, codecs, payloadTypes, eventPt, direction, mid, host, remote);
        }
        return sb.toString();
    }

    private static void audio(StringBuilder sb, int port, WebRtcIdentity webrtc, List<SdesCrypto> crypto,
            List<Codec> codecs, List<Integer> payloadTypes, int eventPt, Direction direction, String mid, String host,
            SessionDescription remote) {
        boolean sdes = webrtc == null && !crypto.isEmpty();
        StringBuilder m = new StringBuilder("m=audio ").append(port)
                .append(webrtc != null ? " UDP/TLS/RTP/SAVPF" : sdes ? " RTP/SAVP" : " RTP/AVP");
        for (int pt : payloadTypes) {
            m.append(' ').append(pt);
        }
        if (eventPt >= 0) {
            m.append(' ').append(eventPt);
        }
        line(sb, m.toString());
        if (sdes) {
            for (SdesCrypto c : crypto) {
                line(sb, "a=crypto:" + c.attribute());
            }
        }
        if (webrtc != null) {
            if (remote == null || remote.mid() != null) {
                line(sb, "a=mid:" + mid);
            }
            line(sb, "a=ice-ufrag:" + webrtc.ufrag());
            line(sb, "a=ice-pwd:" + webrtc.pwd());
            line(sb, "a=fingerprint:" + webrtc.fingerprintHash() + " " + webrtc.fingerprint());
            line(sb, "a=setup:active");
            line(sb, "a=rtcp-mux");
            line(sb, "a=candidate:1 1 udp 2130706431 " + host + " " + port + " typ host");
            line(sb, "a=end-of-candidates");
        }
        for (int i = 0; i < codecs.size(); i++) {
            line(sb, "a=rtpmap:" + payloadTypes.get(i) + " " + codecs.get(i).encodingName + "/8000");
        }
        if (eventPt >= 0) {
            line(sb, "a=rtpmap:" + eventPt + " telephone-event/8000");
            line(sb, "a=fmtp:" + eventPt + " 0-16");
        }
        line(sb, "a=ptime:20");
        line(sb, "a=" + direction.attribute());
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append("\r\n");
    }
}
