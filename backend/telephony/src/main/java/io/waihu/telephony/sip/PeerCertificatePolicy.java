package io.waihu.telephony.sip;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * Checks, on every TLS connection we open, that the peer's certificate names the host we meant to
 * reach (RFC 5922 §7, with RFC 6125's matching): a carrier's certificate must name the trunk host.
 *
 * <p>JAIN-SIP verifies the certificate chain against the trust store but creates its
 * {@code SSLEngine} without a peer host, so the JDK cannot check the name, and any certificate
 * from a trusted CA would be accepted for any carrier. The stack calls this policy (stack property
 * {@code gov.nist.javax.sip.TLS_SECURITY_POLICY}) once a handshake completes; a mismatch closes the
 * connection before a request is sent, and the call fails as a transport error.
 *
 * <p>The stack keeps the peer's certificates from us unless it asks phones for client
 * certificates (which we do not want browsers prompted for), so they are read from the channel's
 * engine by reflection. Should a JAIN-SIP upgrade move those fields, every outbound TLS
 * connection is refused with that reason ({@code TlsTrunkTest} fails), never accepted unchecked.
 *
 * <p>Connections phones open to us are not checked (they present no certificate).
 */
public final class PeerCertificatePolicy implements TlsSecurityPolicy {

    private static final int DNS = 2;
    private static final int URI_NAME = 6;
    private static final int IP = 7;

    @Override
    public void enforceTlsPolicy(ClientTransactionExt transaction) throws SecurityException {
        if (transaction == null) {
            return; // a connection a phone opened to us: we are the server
        }
        SSLEngine engine = engineOf(transaction);
        if (!engine.getUseClientMode()) {
            return;
        }
        String host = targetHost(transaction.getRequest());
        X509Certificate leaf;
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            leaf = (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw new SecurityException("TLS peer " + host + " presented no X.509 certificate");
        }
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new SecurityException("TLS peer " + host + ": unreadable subjectAltName: " + e.getMessage());
        }
        if (!matches(names, commonName(leaf), host)) {
            throw new SecurityException("TLS peer certificate does not name " + host + " (it names "
                    + (names == null ? "CN=" + commonName(leaf) : names) + ")");
        }
    }

    /** Where the request was sent: its first Route, or else its Request-URI. */
    static String targetHost(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI uri = route != null ? route.getAddress().getURI() : request.getRequestURI();
        if (!(uri instanceof SipURI sip)) {
            throw new SecurityException("cannot tell which host a TLS request to " + uri + " is for");
        }
        return sip.getHost();
    }

    /**
     * Whether a certificate with these subjectAltName entries (and subject CN, used only when
     * there is no DNS, URI or IP entry at all) names {@code host}: an IP address must be an IP
     * entry; a DNS name must equal a DNS entry (case-insensitive; a {@code *} may stand for the
     * whole left-most label) or a {@code sip:} URI entry's host.
     */
    static boolean matches(Collection<List<?>> subjectAltNames, String commonName, String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress literal = ipLiteral(h);
        List<String> dns = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        if (subjectAltNames != null) {
            for (List<?> entry : subjectAltNames) {
                int type = (Integer) entry.get(0);
                String value = String.valueOf(entry.get(1));
                switch (type) {
                    case DNS -> dns.add(value);
                    case URI_NAME -> uris.add(value);
                    case IP -> ips.add(value);
                    default -> { /* other name types say nothing about hosts */ }
                }
            }
        }
        if (literal != null) {
            return ips.stream().map(PeerCertificatePolicy::ipLiteral).anyMatch(literal::equals);
        }
        if (dns.isEmpty() && uris.isEmpty() && ips.isEmpty()) {
            return commonName != null && dnsMatches(commonName, h);
        }
        return dns.stream().anyMatch(d -> dnsMatches(d, h))
                || uris.stream().anyMatch(u -> sipUriHostEquals(u, h));
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String n = host.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (!p.startsWith("*.")) {
            return p.equals(n);
        }
        int dot = n.indexOf('.');
        String suffix = p.substring(1); // ".example.com"
        // the wildcard is one whole label, never the last two (no "*.com")
        return dot > 0 && suffix.indexOf('.', 1) > 0 && n.substring(dot).equals(suffix);
    }

    private static boolean sipUriHostEquals(String uri, String host) {
        String u = uri.toLowerCase(Locale.ROOT);
        if (!u.startsWith("sip:")) {
            return false;
        }
        String rest = u.substring(4);
        int end = rest.length();
        for (char c : new char[] {':', ';', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return !rest.contains("@") && rest.substring(0, end).equals(host.toLowerCase(Locale.ROOT));
    }

    private static InetAddress ipLiteral(String s) {
        boolean v4 = s.chars().allMatch(c -> c == '.' || Character.isDigit(c)) && s.indexOf('.') > 0;
        boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** The TLS engine of the channel the transaction was sent on (JAIN-SIP 1.3.0-91 internals). */
    private static SSLEngine engineOf(ClientTransactionExt transaction) {
        try {
            Object channel = ((gov.nist.javax.sip.stack.SIPTransaction) transaction).getMessageChannel();
            Object machine = field(channel.getClass(), "sslStateMachine").get(channel);
            return (SSLEngine) field(machine.getClass(), "sslEngine").get(machine);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SecurityException("cannot read the TLS peer certificate from the SIP stack: " + e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException next) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
