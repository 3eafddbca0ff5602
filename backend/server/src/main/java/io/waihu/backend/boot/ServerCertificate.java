package io.waihu.backend.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate the web pages (HTTPS) and the softphones' SIP (WSS) are served with. Browsers
 * give a page a microphone only in a secure context, and an HTTPS page may open only {@code wss:}
 * sockets: over plain HTTP from another machine a softphone registers but cannot call.
 *
 * <p>Where it comes from, first match wins:
 * <ol>
 * <li>{@code WAIHU_TLS_CERT} + {@code WAIHU_TLS_KEY}: PEM files (the chain, leaf first, and its
 * private key in PKCS#8, PKCS#1 or SEC1), e.g. an ACME client's {@code fullchain.pem} and
 * {@code privkey.pem}. Copied into a PKCS#12 file under {@code keys/} on every start (the
 * gateway's SIP stack reads key stores only), so a renewed certificate is used after a restart;</li>
 * <li>{@code WAIHU_TLS_KEYSTORE} (+ {@code WAIHU_TLS_KEYSTORE_PASSWORD}): a PKCS#12 or, named
 * {@code *.jks}, a JKS key store, used as it is;</li>
 * <li>otherwise one made for this machine on the first start: self-signed, EC P-256 (fast to make,
 * and the gateway's TLS suites and every browser take it), valid {@value #VALIDITY_DAYS} days
 * (the most Apple platforms accept for a server certificate), naming {@code localhost},
 * {@code 127.0.0.1}, {@code ::1}, the host name and the machine's non-loopback addresses. Reused
 * on later starts and made again only when a file is missing or it has expired: a user who
 * trusted it keeps trusting it. It is not a CA ({@code basicConstraints CA:false}): whoever
 * trusts it trusts this server and nothing its key could sign.</li>
 * </ol>
 *
 * <p>Each system property ({@code waihu.tls.cert}, {@code waihu.tls.key}, {@code
 * waihu.tls.keystore}, {@code waihu.tls.keystore-password}) works as its variable does.
 */
public final class ServerCertificate {

    static final int VALIDITY_DAYS = 825;
    /** The generated certificate (public: what users import to trust it). */
    static final String CERTIFICATE_FILE = "https-cert.pem";
    /** The generated certificate's key store, with its key (owner only). */
    static final String KEY_STORE_FILE = "https.p12";
    static final String PASSWORD_FILE = "https.p12.password";
    /** A configured PEM pair, converted for the SIP stack on each start. */
    static final String CONFIGURED_KEY_STORE_FILE = "https-configured.p12";
    private static final String ALIAS = "waihu";
    /** The name of the TLS registry's configuration the API port uses ({@code quarkus.http.tls-configuration-name}). */
    static final String TLS_CONFIGURATION = "waihu-https";

    /** What the server is given: a key store (path, password, type) and, for the banner, the certificate's facts. */
    public record Served(Path keyStore, String password, String type, X509Certificate certificate, String source) {

        /** SHA-256 over the certificate's DER encoding, as browsers show it (colon-separated hex). */
        public String fingerprint() {
            return ServerCertificate.fingerprint(certificate);
        }

        /**
         * The settings that hand it to Quarkus's TLS registry (HTTPS) and to the SIP gateway (WSS,
         * TLS) — the gateway's only when no {@code waihu.sip.keystore} of its own is configured.
         */
        public Map<String, String> properties(boolean gatewayConfigured) {
            Map<String, String> properties = new LinkedHashMap<>();
            String format = "JKS".equals(type) ? "jks" : "p12";
            // a named configuration, which the API port names (application.properties): the default
            // one would turn the management port (metrics on loopback) into HTTPS as well
            properties.put("quarkus.tls." + TLS_CONFIGURATION + ".key-store." + format + ".path", keyStore.toString());
            properties.put("quarkus.tls." + TLS_CONFIGURATION + ".key-store." + format + ".password", password);
            if (!gatewayConfigured) {
                properties.put("waihu.sip.keystore", keyStore.toString());
                properties.put("waihu.sip.keystore-password", password);
            }
            properties.put("waihu.https.certificate-source", source);
            properties.put("waihu.https.certificate-fingerprint", fingerprint());
            properties.put("waihu.https.certificate-expires", certificate.getNotAfter().toInstant().toString());
            return properties;
        }
    }

    private ServerCertificate() {
    }

    /** The configured certificate, or the generated one (made now when missing or expired). */
    public static Served prepare(Path keysDir, Map<String, String> env, Clock clock) throws IOException {
        String cert = setting(env, "WAIHU_TLS_CERT", "waihu.tls.cert");
        String key = setting(env, "WAIHU_TLS_KEY", "waihu.tls.key");
        String keyStore = setting(env, "WAIHU_TLS_KEYSTORE", "waihu.tls.keystore");
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalStateException("WAIHU_TLS_CERT and WAIHU_TLS_KEY go together (PEM certificate "
                        + "chain and its private key)");
            }
            return fromPem(Path.of(cert), Path.of(key), keysDir.resolve(CONFIGURED_KEY_STORE_FILE));
        }
        if (keyStore != null) {
            return fromKeyStore(Path.of(keyStore), setting(env, "WAIHU_TLS_KEYSTORE_PASSWORD",
                    "waihu.tls.keystore-password"));
        }
        return generated(keysDir, clock);
    }

    /** The generated certificate: reused while its files are there and it has not expired. */
    static Served generated(Path keysDir, Clock clock) throws IOException {
        Files.createDirectories(keysDir);
        Path keyStore = keysDir.resolve(KEY_STORE_FILE);
        Path certificate = keysDir.resolve(CERTIFICATE_FILE);
        Path passwordFile = keysDir.resolve(PASSWORD_FILE);
        if (Files.exists(keyStore) && Files.exists(certificate) && Files.exists(passwordFile)) {
            String password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
            X509Certificate existing;
            try {
                existing = (X509Certificate) load(keyStore, password, "PKCS12").getCertificate(ALIAS);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read " + keyStore, e);
            }
            if (existing != null && existing.getNotAfter().toInstant().isAfter(clock.instant())) {
                return new Served(keyStore, password, "PKCS12", existing, "generated " + certificate);
            }
        }
        KeyPair pair = newKeyPair();
        X509Certificate made = generate(pair, machineNames(), clock.instant(), Duration.ofDays(VALIDITY_DAYS));
        return writeGenerated(keysDir, made, pair, randomPassword());
    }

    private static Served writeGenerated(Path keysDir, X509Certificate made, KeyPair pair, String password)
            throws IOException {
        Path keyStore = keysDir.resolve(KEY_STORE_FILE);
        Path certificate = keysDir.resolve(CERTIFICATE_FILE);
        // the password first and the public certificate last: a start that dies half-way leaves a
        // set the next start sees as incomplete and makes again
        writeOwnerOnly(keysDir.resolve(PASSWORD_FILE), password.getBytes(StandardCharsets.US_ASCII));
        writeOwnerOnly(keyStore, keyStoreBytes(pair.getPrivate(), new Certificate[] {made}, password));
        Path temporary = Files.createTempFile(keysDir, ".https-cert", ".tmp");
        Files.writeString(temporary, pem(made), StandardCharsets.US_ASCII);
        Files.move(temporary, certificate, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Served(keyStore, password, "PKCS12", made, "generated " + certificate);
    }

    private static String randomPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        }
    }

    /**
     * A self-signed server certificate for {@code names} (DNS names and IP literals), valid from an
     * hour before {@code now} (clocks of the machines that check it differ) for {@code validity}.
     */
    static X509Certificate generate(KeyPair pair, Set<String> names, Instant now, Duration validity) {
        Instant notBefore = now.minus(Duration.ofHours(1));
        String commonName = names.stream().filter(name -> !isIpLiteral(name) && !"localhost".equals(name))
                .findFirst().orElse("localhost");
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Waihu")
                .addRDN(BCStyle.CN, commonName).build();
        List<GeneralName> altNames = new ArrayList<>();
        for (String name : names) {
            altNames.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(notBefore), Date.from(notBefore.plus(validity)),
                    subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(altNames.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the server certificate", e);
        }
    }

    private static Served fromPem(Path cert, Path key, Path target) throws IOException {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(cert)) {
            chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("WAIHU_TLS_CERT " + cert + " is not a PEM certificate chain: "
                    + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalStateException("WAIHU_TLS_CERT " + cert + " holds no certificate");
        }
        PrivateKey privateKey = readPrivateKey(key);
        String password = randomPassword();
        writeOwnerOnly(target, keyStoreBytes(privateKey, chain.toArray(Certificate[]::new), password));
        return new Served(target, password, "PKCS12", (X509Certificate) chain.get(0), "configured " + cert);
    }

    private static PrivateKey readPrivateKey(Path key) throws IOException {
        Object parsed;
        try (Reader reader = Files.newBufferedReader(key, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            parsed = parser.readObject();
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (parsed instanceof PEMKeyPair pair) {
            return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (parsed instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        throw new IllegalStateException("WAIHU_TLS_KEY " + key + " is not an unencrypted PEM private key (PKCS#8, "
                + "PKCS#1 or SEC1)" + (parsed == null ? "" : "; found " + parsed.getClass().getSimpleName()));
    }

    private static Served fromKeyStore(Path keyStore, String password) throws IOException {
        String type = keyStore.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        String secret = password == null ? "" : password;
        KeyStore store = load(keyStore, secret, type);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate leaf) {
                    return new Served(keyStore.toAbsolutePath(), secret, type, leaf, "configured " + keyStore);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key store " + keyStore, e);
        }
        throw new IllegalStateException("WAIHU_TLS_KEYSTORE " + keyStore + " holds no private key with a certificate");
    }

    /**
     * The names the generated certificate is for: {@code localhost}, the loopback addresses, the
     * host name and the addresses of the machine's interfaces that are up (not link-local IPv6
     * ones: a URL cannot carry their zone).
     */
    static Set<String> machineNames() {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (host != null && !host.isBlank() && !isIpLiteral(host)) {
                names.add(host.toLowerCase(Locale.ROOT));
            }
        } catch (UnknownHostException e) {
            // no resolvable host name: the addresses below still name the machine
        }
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        names.add(address.getHostAddress().replaceFirst("%.*$", ""));
                    }
                }
            }
        } catch (SocketException e) {
            // interfaces unreadable (a restricted container): localhost and the host name remain
        }
        return names;
    }

    static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    static KeyStore load(Path file, String password, String type) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key store " + file + " (wrong password or type?)", e);
        }
    }

    private static byte[] keyStoreBytes(PrivateKey key, Certificate[] chain, String password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password.toCharArray(), chain);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            store.store(bytes, password.toCharArray());
            return bytes.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the server key store", e);
        }
    }

    /** Written to a file created owner-only (never briefly readable by others), then moved into place. */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path temporary;
        try {
            temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        }
        try (OutputStream out = Files.newOutputStream(temporary)) {
            out.write(content);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String setting(Map<String, String> env, String variable, String property) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
