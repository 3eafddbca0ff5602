package io.waihu.telephony.sip;

import io.waihu.telephony.TrunkSpec;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Answers a carrier's 401/407 challenge to our INVITE once (RFC 3261 §22.2): the same request with
 * CSeq + 1, a new branch and an (Proxy-)Authorization computed with the trunk's credentials. Done
 * here rather than with JAIN-SIP's AuthenticationHelper because that one pins the next hop into
 * the Request-URI as {@code maddr}, which carriers reject, and the digest code is shared with the
 * registrar anyway.
 */
final class TrunkAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TrunkAuth() {}

    /** The re-sent INVITE, or null when the challenge is not one we can answer (no MD5 digest). */
    static Request authorize(SipContext sip, Request original, Response challenge, TrunkSpec trunk)
            throws ParseException, InvalidArgumentException, SipException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        WWWAuthenticateHeader offer = null;
        ListIterator<?> it = challenge.getHeaders(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        while (it.hasNext()) {
            WWWAuthenticateHeader h = (WWWAuthenticateHeader) it.next();
            String algorithm = h.getAlgorithm();
            if ("Digest".equalsIgnoreCase(h.getScheme()) && (algorithm == null || algorithm.equalsIgnoreCase("MD5"))) {
                offer = h;
                break;
            }
        }
        if (offer == null) {
            return null;
        }
        Request retry = (Request) original.clone();
        ViaHeader via = (ViaHeader) retry.getHeader(ViaHeader.NAME);
        retry.removeHeader(ViaHeader.NAME);
        retry.addFirst(sip.via(via.getTransport()));
        CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        retry.removeHeader(AuthorizationHeader.NAME);
        retry.removeHeader(ProxyAuthorizationHeader.NAME);

        String uri = retry.getRequestURI().toString();
        String qop = offersAuth(offer.getQop()) ? "auth" : null;
        String cnonce = HexFormat.of().formatHex(randomBytes());
        String nc = "00000001";
        String ha1 = DigestMath.ha1(trunk.username(), offer.getRealm(), trunk.password() == null ? "" : trunk.password());
        String response = DigestMath.response(ha1, offer.getNonce(), nc, cnonce, qop, retry.getMethod(), uri);

        AuthorizationHeader auth = proxy
                ? sip.headers.createProxyAuthorizationHeader("Digest")
                : sip.headers.createAuthorizationHeader("Digest");
        auth.setUsername(trunk.username());
        auth.setRealm(offer.getRealm());
        auth.setNonce(offer.getNonce());
        auth.setURI(retry.getRequestURI());
        auth.setResponse(response);
        auth.setAlgorithm("MD5");
        if (qop != null) {
            auth.setQop(qop);
            auth.setCNonce(cnonce);
            auth.setNonceCount(1);
        }
        if (offer.getOpaque() != null) {
            auth.setOpaque(offer.getOpaque());
        }
        retry.addHeader(auth);
        return retry;
    }

    private static boolean offersAuth(String qop) {
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.trim().toLowerCase(Locale.ROOT).equals("auth")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
