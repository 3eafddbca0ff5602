package io.waihu.telephony.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

/** Key stores for TLS tests, made by the JDK's own keytool (no files checked in, nothing to expire). */
public final class TestCertificates {

    private TestCertificates() {
    }

    /**
     * Writes a PKCS#12 store at {@code keystore} holding a fresh EC key and a self-signed
     * certificate valid for two days, e.g. {@code selfSigned(p, "CN=127.0.0.1", "ip:127.0.0.1", pw)}.
     */
    public static void selfSigned(Path keystore, String dname, String subjectAltName, String password)
            throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(bin.toString(), "-genkeypair", "-alias", "key", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", dname, "-ext", "SAN=" + subjectAltName, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** The PKCS#12 store at {@code keystore}. */
    public static KeyStore load(Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }
}
