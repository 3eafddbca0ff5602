package io.waihu.telephony.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a remote SDP (RFC 8866) the relay needs, from its first usable audio m-line.
 * Hand-parsed: SDP is line-oriented text, the fields used here are few, and a general SDP
 * library would still leave ICE, DTLS and SDES attributes (RFC 8839, RFC 8842, RFC 4568) to us.
 * Anything that is not {@code <letter>=<value>} lines fails with 400; a well-formed SDP without
 * G.711 audio, or whose RTP/SAVP audio has no {@code a=crypto} line we support, with 488
 * (RFC 3261 §21.4.26, RFC 4568 §7.1.2).
 *
 * @param address          where to send media (c= at media or session level)
 * @param port             the audio m-line port (0 = stream rejected)
 * @param webrtc           UDP/TLS/RTP/SAVPF (or other SAVPF/SAVP over DTLS) rather than RTP/AVP
 * @param srtp             RTP/SAVP or RTP/SAVPF keyed by SDES ({@code crypto} is then not empty)
 * @param codec            the first G.711 codec in the m-line's format order
 * @param payloadType      the remote's payload type number for that codec
 * @param eventPayloadType telephone-event/8000 payload type, or -1 when not offered
 * @param direction        sendrecv/sendonly/recvonly/inactive (media level wins over session)
 * @param mid              a=mid of the audio m-line, or null
 * @param iceUfrag         remote ICE username fragment, or null
 * @param icePwd           remote ICE password, or null
 * @param fingerprints     a=fingerprint hash function (lower case) to value
 * @param setup            a=setup value (lower case) or null
 * @param rtcpMux          a=rtcp-mux present
 * @param mediaIndex       index of the audio m-line among all m-lines
 * @param otherMediaLines  every m-line as "kind proto formats", null at the audio one: an answer
 *                         keeps the offer's m-lines and rejects the others with port 0 (RFC 3264 §6)
 * @param crypto           the audio m-line's usable {@code a=crypto} lines in the author's order of
 *                         preference (RFC 4568 §5.1.1), empty unless {@code srtp}
 */
record SessionDescription(
        InetAddress address,
        int port,
        boolean webrtc,
        boolean srtp,
        Codec codec,
        int payloadType,
        int eventPayloadType,
        Direction direction,
        String mid,
        String iceUfrag,
        String icePwd,
        Map<String, String> fingerprints,
        String setup,
        boolean rtcpMux,
        int mediaIndex,
        List<String> otherMediaLines,
        List<SdesCrypto> crypto) {

    /** Parses and validates; never returns null. */
    static SessionDescription parse(String sdp) throws SdpException {
        if (sdp == null || sdp.isBlank()) {
            throw new SdpException(400, "empty SDP");
        }
        String[] lines = sdp.split("\r?\n");
        if (!lines[0].strip().equals("v=0")) {
            throw new SdpException(400, "SDP does not start with v=0");
        }
        Parser p = new Parser();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLowerCase(line.charAt(0))) {
                throw new SdpException(400, "malformed SDP line: " + abbreviate(line));
            }
            p.line(line.charAt(0), line.substring(2));
        }
        return p.finish();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** One m-line with its attributes while parsing. */
    private static final class Media {
        final String kind;
        final int port;
        final String proto;
        final List<String> formats;
        final String line;
        InetAddress address;
        final Map<String, String> rtpmap = new LinkedHashMap<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, String> fingerprints = new LinkedHashMap<>();
        final List<String> crypto = new ArrayList<>();
        Direction direction;

        Media(String kind, int port, String proto, List<String> formats, String line) {
            this.kind = kind;
            this.port = port;
            this.proto = proto;
            this.formats = formats;
            this.line = line;
        }
    }

    private static final class Parser {
        InetAddress sessionAddress;
        Direction sessionDirection;
        final Map<String, String> sessionAttributes = new LinkedHashMap<>();
        final Map<String, String> sessionFingerprints = new LinkedHashMap<>();
        final List<Media> media = new ArrayList<>();
        boolean sawOrigin;
        boolean sawUnsupportedCrypto;

        void line(char type, String value) throws SdpException {
            Media current = media.isEmpty() ? null : media.get(media.size() - 1);
            switch (type) {
                case 'o' -> sawOrigin = true;
                case 'c' -> {
                    InetAddress a = connection(value);
                    if (current == null) {
                        sessionAddress = a;
                    } else {
                        current.address = a;
                    }
                }
                case 'm' -> media.add(mediaLine(value));
                case 'a' -> attribute(current, value);
                default -> {
                    // v, s, t, b, i, u, e, p, z, k, r: nothing the relay needs
                }
            }
        }

        private static InetAddress connection(String value) throws SdpException {
            String[] f = value.split(" ");
            if (f.length < 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
                throw new SdpException(400, "malformed c= line");
            }
            String host = f[2].split("/")[0];
            if (!host.matches("[0-9A-Fa-f:.]+")) {
                // Only literal addresses: resolving names here would block a media thread on DNS.
                throw new SdpException(488, "c= is not a literal IP address");
            }
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new SdpException(400, "bad c= address " + host);
            }
        }

        private static Media mediaLine(String value) throws SdpException {
            String[] f = value.split(" ");
            if (f.length < 4) {
                throw new SdpException(400, "malformed m= line");
            }
            int port;
            try {
                port = Integer.parseInt(f[1].split("/")[0]);
            } catch (NumberFormatException e) {
                throw new SdpException(400, "malformed m= port");
            }
            if (port < 0 || port > 65535) {
                throw new SdpException(400, "m= port out of range");
            }
            return new Media(f[0], port, f[2], List.of(f).subList(3, f.length), "m=" + value);
        }

        private void attribute(Media m, String value) {
            int colon = value.indexOf(':');
            String name = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? "" : value.substring(colon + 1).strip();
            Direction dir = switch (name) {
                case "sendrecv" -> Direction.SENDRECV;
                case "sendonly" -> Direction.SENDONLY;
                case "recvonly" -> Direction.RECVONLY;
                case "inactive" -> Direction.INACTIVE;
                default -> null;
            };
            if (dir != null) {
                if (m == null) {
                    sessionDirection = dir;
                } else {
                    m.direction = dir;
                }
                return;
            }
            if (name.equals("fingerprint")) {
                String[] f = arg.split(" ", 2);
                if (f.length == 2) {
                    (m == null ? sessionFingerprints : m.fingerprints).put(f[0].toLowerCase(Locale.ROOT), f[1].strip());
                }
                return;
            }
            if (m != null && name.equals("crypto")) {
                m.crypto.add(arg);
                return;
            }
            if (m != null && name.equals("rtpmap")) {
                String[] f = arg.split(" ", 2);
                if (f.length == 2) {
                    m.rtpmap.put(f[0], f[1].strip());
                }
                return;
            }
            (m == null ? sessionAttributes : m.attributes).putIfAbsent(name, arg);
        }

        SessionDescription finish() throws SdpException {
            if (!sawOrigin) {
                throw new SdpException(400, "SDP without o= line");
            }
            if (media.isEmpty()) {
                throw new SdpException(488, "SDP without media");
            }
            boolean sawAudio = false;
            for (int i = 0; i < media.size(); i++) {
                Media m = media.get(i);
                if (!m.kind.equals("audio") || m.port == 0) {
                    continue;
                }
                sawAudio = true;
                SessionDescription d = audio(m, i);
                if (d != null) {
                    return d;
                }
            }
            throw new SdpException(488, !sawAudio ? "no audio stream"
                    : sawUnsupportedCrypto ? "no supported SRTP crypto suite (AES_CM_128_HMAC_SHA1_80 or _32, no MKI)"
                    : "no G.711 codec in the audio offer");
        }

        private SessionDescription audio(Media m, int index) throws SdpException {
            boolean plain = m.proto.equals("RTP/AVP") || m.proto.equals("RTP/AVPF");
            boolean webrtc = !plain && m.proto.contains("TLS/RTP/SAVP");
            boolean srtp = m.proto.equals("RTP/SAVP") || m.proto.equals("RTP/SAVPF");
            if (!plain && !webrtc && !srtp) {
                return null; // TCP media and other profiles: not supported by this gateway
            }
            // a=crypto under RTP/AVP (the "best effort SRTP" of some PBXes) is not RFC 4568: plain RTP.
            List<SdesCrypto> crypto = new ArrayList<>();
            for (String line : srtp ? m.crypto : List.<String>of()) {
                SdesCrypto c = SdesCrypto.parse(line);
                if (c != null) {
                    crypto.add(c);
                }
            }
            if (srtp && crypto.isEmpty()) {
                sawUnsupportedCrypto = true;
                return null;
            }
            Codec codec = null;
            int pt = -1;
            int eventPt = -1;
            for (String format : m.formats) {
                int n;
                try {
                    n = Integer.parseInt(format);
                } catch (NumberFormatException e) {
                    throw new SdpException(400, "non-numeric RTP format " + abbreviate(format));
                }
                String map = m.rtpmap.get(format);
                String name = map == null ? null : map.split("/")[0];
                int rate = map == null ? 8000 : clockRate(map);
                Codec c = map == null ? Codec.byStaticPayloadType(n) : Codec.byEncodingName(name);
                if (c != null && rate == 8000 && codec == null) {
                    codec = c;
                    pt = n;
                } else if (name != null && name.equalsIgnoreCase("telephone-event") && rate == 8000 && eventPt < 0) {
                    eventPt = n;
                }
            }
            if (codec == null) {
                return null;
            }
            InetAddress address = m.address != null ? m.address : sessionAddress;
            if (address == null) {
                throw new SdpException(400, "no c= line for the audio stream");
            }
            Direction dir = m.direction != null ? m.direction : sessionDirection != null ? sessionDirection : Direction.SENDRECV;
            if (address.isAnyLocalAddress() && !webrtc) {
                // RFC 3264 §8.4 legacy hold: c=0.0.0.0 means "do not send to me".
                dir = dir == Direction.SENDRECV ? Direction.SENDONLY : dir == Direction.RECVONLY ? Direction.INACTIVE : dir;
            }
            Map<String, String> fingerprints = new LinkedHashMap<>(sessionFingerprints);
            fingerprints.putAll(m.fingerprints);
            List<String> others = new ArrayList<>();
            for (Media o : media) {
                others.add(o == m ? null : o.kind + " " + o.proto + " " + String.join(" ", o.formats));
            }
            return new SessionDescription(
                    address,
                    m.port,
                    webrtc,
                    srtp,
                    codec,
                    pt,
                    eventPt,
                    dir,
                    m.attributes.get("mid"),
                    attr(m, "ice-ufrag"),
                    attr(m, "ice-pwd"),
                    Map.copyOf(fingerprints),
                    lower(attr(m, "setup")),
                    m.attributes.containsKey("rtcp-mux"),
                    index,
                    others,
                    List.copyOf(crypto));
        }

        private String attr(Media m, String name) {
            String v = m.attributes.get(name);
            return v != null ? v : sessionAttributes.get(name);
        }

        private static String lower(String s) {
            return s == null ? null : s.toLowerCase(Locale.ROOT);
        }

        private static int clockRate(String rtpmap) {
            String[] f = rtpmap.split("/");
            try {
                return f.length > 1 ? Integer.parseInt(f[1].strip()) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
