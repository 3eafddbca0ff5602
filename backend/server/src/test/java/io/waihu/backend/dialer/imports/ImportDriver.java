package io.waihu.backend.dialer.imports;

import io.waihu.backend.crm.PhoneNumbers;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one list in a JVM of its own, so a test can give it a small heap ({@code -Xmx128m}):
 * {@code ImportDriver <file> <report>}. Numbers divisible by 997 (as E.164 digits) are on the
 * do-not-call list. Prints one {@code RESULT key=value…} line with the counts, the rate and the
 * heap's peak; the rate per CPU second too, since the wall clock of a shared machine says little.
 */
public final class ImportDriver {

    private ImportDriver() {
    }

    static boolean blacklisted(long e164Digits) {
        return e164Digits % 997 == 0;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        AtomicLong contacts = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        NumberScreen screen = NumberScreen.of(n -> blacklisted(Long.parseLong(n.e164().substring(1))), n -> false);
        ImportSummary summary;
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (OutputStream report = Files.newOutputStream(Path.of(args[1]))) {
            summary = new ListImporter(new PhoneNumbers("CN")).read(file, ImportOptions.defaults(), screen, batch -> {
                contacts.addAndGet(batch.size());
                batches.incrementAndGet();
            }, report, new ImportProgress());
        }
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        ImportCounts counts = summary.counts();
        double seconds = summary.elapsed().toNanos() / 1e9;
        System.out.printf("RESULT rows=%d accepted=%d contacts=%d batches=%d rejected=%d duplicate=%d invalid=%d"
                        + " blacklisted=%d distinct=%d seconds=%.2f rowsPerSecond=%.0f"
                        + " cpuSeconds=%.2f rowsPerCpuSecond=%.0f peakHeapMiB=%d maxHeapMiB=%d%n",
                counts.rowsRead(), counts.accepted(), contacts.get(), batches.get(), counts.rejected(),
                counts.rejected(Reason.DUPLICATE), counts.rejected(Reason.INVALID_PHONE),
                counts.rejected(Reason.BLACKLISTED), summary.distinctNumbers(), seconds, counts.rowsRead() / seconds,
                cpuSeconds, counts.rowsRead() / cpuSeconds,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("SOURCE " + summary.source());
    }
}
