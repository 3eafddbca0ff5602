package io.waihu.telephony.media;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * One SDES {@code a=crypto} attribute (RFC 4568 §9.1): tag, suite and the inline master key
 * with its salt. The key is the one its author will <em>send</em> with (§6.1): our answer
 * carries our own fresh key, never an echo of the offerer's.
 *
 * <p>Accepted from peers: one {@code inline:} key of the right length for a suite of
 * {@link SrtpSuite}, with or without a lifetime, no MKI, no session parameters except the
 * window-size hint {@code WSH} (which we may ignore, §6.3.7). Anything else — MKI (jitsi-srtp
 * has no MKI field), several keys, {@code UNENCRYPTED_SRTP}, a non-zero {@code KDR}, FEC — is
 * skipped as unsupported, so an offer with nothing else left is refused with 488.
 *
 * @param tag      the attribute's tag; an answer reuses the tag of the offer line it accepts (§5.1.2)
 * @param suite    the crypto suite
 * @param keySalt  master key (16 bytes) followed by master salt (14 bytes)
 */
record SdesCrypto(int tag, SrtpSuite suite, byte[] keySalt) {

    static final int KEY_SALT_BYTES = SrtpSuite.KEY_BYTES + SrtpSuite.SALT_BYTES;

    SdesCrypto {
        if (keySalt.length != KEY_SALT_BYTES) {
            throw new IllegalArgumentException("SDES key and salt must be " + KEY_SALT_BYTES + " bytes");
        }
        keySalt = keySalt.clone();
    }

    /** A fresh random master key and salt for one of our lines. */
    static SdesCrypto fresh(int tag, SrtpSuite suite, SecureRandom random) {
        byte[] k = new byte[KEY_SALT_BYTES];
        random.nextBytes(k);
        return new SdesCrypto(tag, suite, k);
    }

    /** The same key under another tag (answers reuse the offer's tag). */
    SdesCrypto withTag(int newTag) {
        return new SdesCrypto(newTag, suite, keySalt);
    }

    byte[] masterKey() {
        return Arrays.copyOfRange(keySalt, 0, SrtpSuite.KEY_BYTES);
    }

    byte[] masterSalt() {
        return Arrays.copyOfRange(keySalt, SrtpSuite.KEY_BYTES, KEY_SALT_BYTES);
    }

    /** Same suite and key material (the tag does not change what is on the wire). */
    boolean sameKey(SdesCrypto other) {
        return other != null && suite == other.suite && Arrays.equals(keySalt, other.keySalt);
    }

    /** The attribute value after {@code a=crypto:}. */
    String attribute() {
        return tag + " " + suite.name() + " inline:" + Base64.getEncoder().encodeToString(keySalt);
    }

    /** Parses an {@code a=crypto} value; null when it is malformed or uses something we do not support. */
    static SdesCrypto parse(String value) {
        String[] f = value.strip().split("\\s+");
        if (f.length < 3 || !f[0].matches("\\d{1,9}")) {
            return null;
        }
        SrtpSuite suite = SrtpSuite.byName(f[1]);
        if (suite == null || !f[2].regionMatches(true, 0, "inline:", 0, 7) || f[2].indexOf(';') >= 0) {
            return null;
        }
        for (int i = 3; i < f.length; i++) {
            if (!f[i].startsWith("WSH=")) {
                return null;
            }
        }
        String[] keyInfo = f[2].substring(7).split("\\|");
        if (keyInfo.length > 2 || (keyInfo.length == 2 && !keyInfo[1].matches("(2\\^)?\\d+"))) {
            return null; // an MKI (value:length), or garbage after the key
        }
        byte[] keySalt;
        try {
            keySalt = Base64.getDecoder().decode(keyInfo[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (keySalt.length != KEY_SALT_BYTES) {
            return null;
        }
        return new SdesCrypto(Integer.parseInt(f[0]), suite, keySalt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdesCrypto c && tag == c.tag && sameKey(c);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * tag + suite.hashCode()) + Arrays.hashCode(keySalt);
    }

    @Override
    public String toString() {
        return "SdesCrypto[" + tag + " " + suite + "]"; // never the key
    }
}
