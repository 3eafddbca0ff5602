package io.waihu.telephony.media;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * CPU and allocation per packet of SDES-SRTP as the relay does it: protect (copy into the send
 * buffer, AES-CTR, HMAC-SHA1 tag) toward one leg, unprotect (tag check, replay check, AES-CTR
 * in place) from the other, on 20 ms G.711 packets. A loop, single thread, after a warm-up;
 * not a unit test (run by {@code infra/media-bench/srtp-cost.sh}).
 */
public final class SrtpCostBench {

    private SrtpCostBench() {}

    public static void main(String[] args) {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        SdesSrtp.warmUp();
        System.out.println("jitsi-srtp OpenSSL provider loaded: " + JitsiOpenSslProvider.isLoaded());
        for (SrtpSuite suite : SrtpSuite.values()) {
            SecureRandom random = new SecureRandom();
            SdesCrypto a = SdesCrypto.fresh(1, suite, random);
            SdesCrypto b = SdesCrypto.fresh(1, suite, random);
            try (SdesSrtp sender = new SdesSrtp(a, b); SdesSrtp receiver = new SdesSrtp(b, a)) {
                run(sender, receiver, packets / 4, suite + " warm-up");
                run(sender, receiver, packets, suite.name());
            }
        }
    }

    private static void run(SdesSrtp sender, SdesSrtp receiver, int packets, String label) {
        byte[] rtp = new byte[2048];
        rtp[0] = (byte) 0x80;
        Rtp.setSsrc(rtp, 0, 0x1234);
        byte[] wire = new byte[2048];
        int[] wireLength = new int[1];
        SdesSrtp.Sender capture = (b, off, len) -> {
            System.arraycopy(b, off, wire, 0, len);
            wireLength[0] = len;
            return true;
        };
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        long protectNanos = 0;
        long unprotectNanos = 0;
        long allocatedBefore = threads.getThreadAllocatedBytes(me);
        long seq = (System.nanoTime() & 0x7fff);
        for (int i = 0; i < packets; i++, seq++) {
            Rtp.setSequence(rtp, 0, (int) seq);
            Rtp.setTimestamp(rtp, 0, (int) (seq * 160));
            long t0 = System.nanoTime();
            sender.protect(rtp, 0, Rtp.HEADER + 160, capture);
            long t1 = System.nanoTime();
            if (receiver.unprotect(wire, 0, wireLength[0]) < 0) {
                throw new IllegalStateException("packet " + i + " rejected");
            }
            long t2 = System.nanoTime();
            protectNanos += t1 - t0;
            unprotectNanos += t2 - t1;
        }
        long allocated = threads.getThreadAllocatedBytes(me) - allocatedBefore;
        System.out.printf("%-28s %,d packets: protect %.2f us, unprotect %.2f us, allocated %.1f bytes per packet pair%n",
                label, packets, protectNanos / 1e3 / packets, unprotectNanos / 1e3 / packets, (double) allocated / packets);
    }
}
