package io.waihu.telephony.bench;

import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.CallRefusedException;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.SipAccount;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.sip.GatewayConfig;
import io.waihu.telephony.sip.SipGateway;
import io.waihu.telephony.testing.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * SIP load benchmark of the gateway: {@link SipGateway} and {@link RtpMediaEngine} in this JVM,
 * sipp as the agents' phones (one process, many registered users, RTP both ways) and sipp as the
 * carrier (RTP both ways), and a driver here that click-to-dials at a fixed rate, holds each
 * answered call for a while and hangs it up through the API. Every answered call is bridged and
 * recorded. Reports call outcomes, setup latency, packet loss per hop and CPU per process. See
 * {@code infra/sip-bench/README.md}; run through {@code infra/sip-bench/run.sh}.
 */
public final class SipBench {

    private static final String REALM = "waihu.bench";
    private static final Locale L = Locale.ROOT;

    private final Options o;
    private final PrintStream out = System.out;
    private final Map<String, CallRecord> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> freeAgents = new ConcurrentLinkedQueue<>();
    private final AtomicInteger noFreeAgent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final AtomicInteger recordings = new AtomicInteger();
    private final AtomicLong recordingBytes = new AtomicLong();
    private final AtomicLong lastAnsweredNanos = new AtomicLong();
    private final AtomicLong firstHangupNanos = new AtomicLong(Long.MAX_VALUE);
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("bench-timer"));
    private final ExecutorService dialers = Executors.newFixedThreadPool(16, daemon("bench-dial"));
    private final ExecutorService deleter = Executors.newSingleThreadExecutor(daemon("bench-delete"));
    private SipGateway gateway;
    private TrunkSpec trunk;
    private Path recordingDir;

    private SipBench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        new SipBench(o).run();
        System.exit(0);
    }

    /** One call attempt as the driver sees it. */
    static final class CallRecord {
        final String id;
        final int agent;
        final long dueNanos;
        volatile long answeredNanos;
        volatile long endedNanos;
        volatile long storedNanos;
        volatile CallEnd end;
        volatile boolean hungUpByUs;
        volatile LegStats agentLeg = LegStats.NONE;
        volatile LegStats customerLeg = LegStats.NONE;

        CallRecord(String id, int agent, long dueNanos) {
            this.id = id;
            this.agent = agent;
            this.dueNanos = dueNanos;
        }
    }

    /** One line of the timeline: counters summed over ended and live calls, CPU seconds so far. */
    record Sample(long nanos, int active, int answered, int ended, long[] rtp, long phoneDrops, double gatewayCpu,
            double phonesCpu, double carrierCpu, long[] machine, String load) {}

    private void run() throws Exception {
        Path work = o.work;
        Files.createDirectories(work);
        recordingDir = Files.createDirectories(work.resolve("recordings"));
        configureLogging(work.resolve("gateway.log"));
        writeUsers(work.resolve("users.csv"));
        for (int i = 0; i < o.agents; i++) {
            freeAgents.add(i);
        }

        int sipPort = FreePorts.udpAndTcp();
        Map<String, SipAccount> accounts = new ConcurrentHashMap<>();
        for (int i = 0; i < o.agents; i++) {
            accounts.put(user(i), new SipAccount(user(i), md5(user(i) + ":" + REALM + ":" + password(i)), "agent-" + i));
        }
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        MediaConfig mediaConfig = new MediaConfig(loopback, loopback, 0, 0, Duration.ofSeconds(30), Duration.ofSeconds(1),
                o.ioThreads);
        CallAdmission noPhoneDialing = (agent, dialed) ->
                CompletableFuture.completedFuture(new CallAdmission.Refused(403, "benchmark: click-to-dial only"));
        try (RtpMediaEngine media = new RtpMediaEngine(mediaConfig)) {
            gateway = SipGateway.start(GatewayConfig.defaults("127.0.0.1", sipPort, 0, REALM)
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20)),
                    u -> Optional.ofNullable(accounts.get(u)), noPhoneDialing, media);
            int carrierPort = FreePorts.udpAndTcp();
            int phonesPort = FreePorts.udpAndTcp();
            trunk = new TrunkSpec("bench", "127.0.0.1", carrierPort, SipTransport.UDP, null, null, "+8657400000000", "",
                    1_000_000);
            List<String> rtp = List.of("-rtp_threadtasks", Integer.toString(o.rtpTasks), "-rtp_buffsize", Integer.toString(o.rtpBuffer));
            List<String> carrierArgs = new ArrayList<>(rtp);
            try (SippProcess carrier = SippProcess.start("carrier", work, o.scenarios, "carrier_answer.xml", carrierPort,
                    FreePorts.udpAndTcp(), carrierArgs);
                    SippProcess phones = SippProcess.start("phones", work, o.scenarios, "phone_register.xml", phonesPort,
                            FreePorts.udpAndTcp(), phoneArgs(rtp, sipPort, work))) {
                awaitRegistrations(phones);
                measure(carrier, phones);
            } finally {
                gateway.close();
            }
        } finally {
            timers.shutdownNow();
            dialers.shutdownNow();
            deleter.shutdown();
            deleter.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private List<String> phoneArgs(List<String> rtp, int sipPort, Path work) {
        List<String> args = new ArrayList<>(rtp);
        args.addAll(List.of("-rtp_echo", "-oocsf", o.scenarios.resolve("phone_answer.xml").toString(),
                "-inf", work.resolve("users.csv").toString(),
                "-m", Integer.toString(o.agents), "-l", Integer.toString(o.agents + 10),
                "-r", "100", "-d", Long.toString(TimeUnit.HOURS.toMillis(6)),
                "127.0.0.1:" + sipPort));
        return args;
    }

    private void awaitRegistrations(SippProcess phones) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30 + o.agents / 50);
        int registered = 0;
        while (System.nanoTime() < deadline && phones.alive()) {
            registered = 0;
            for (int i = 0; i < o.agents; i++) {
                if (gateway.isRegistered(user(i))) {
                    registered++;
                }
            }
            if (registered == o.agents) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("only " + registered + " of " + o.agents + " phones registered (sipp "
                + (phones.alive() ? "running" : "exited") + ", see " + o.work + "/phones-*.log)");
    }

    // ------------------------------------------------------------------ the load

    private void measure(SippProcess carrier, SippProcess phones) throws Exception {
        long self = ProcessHandle.current().pid();
        ProcStats.SocketDrops drops = new ProcStats.SocketDrops(Map.of(self, "gateway", phones.pid(), "phones",
                carrier.pid(), "carrier"));
        Map<Long, Long> dropBaseline = drops.snapshot();
        Map<String, Long> udpBefore = ProcStats.udpCounters();
        Map<String, Double> threadsBefore = ProcStats.threadCpu(self);

        if (o.warmupCalls > 0) {
            out.printf(L, "warm-up: %d calls at %.0f/s, not counted (the JIT compiles the call path first)%n", o.warmupCalls, o.rate);
            long warm = System.nanoTime();
            long gap = (long) (1e9 / o.rate);
            for (int i = 0; i < o.warmupCalls; i++) {
                long due = warm + i * gap;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                dialers.execute(() -> dial(due));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.hold + 60);
            while (System.nanoTime() < until && (gateway.activeCalls() > 0
                    || recordings.get() < calls.values().stream().filter(c -> c.answeredNanos != 0).count())) {
                Thread.sleep(200);
            }
            calls.clear();
            failures.clear();
            refused.set(0);
            noFreeAgent.set(0);
            recordings.set(0);
            recordingBytes.set(0);
            lastAnsweredNanos.set(0);
            firstHangupNanos.set(Long.MAX_VALUE);
            dropBaseline = drops.snapshot();
            udpBefore = ProcStats.udpCounters();
            threadsBefore = ProcStats.threadCpu(self);
        }
        header();
        long start = System.nanoTime();
        Map<Long, Long> baseline = dropBaseline;
        timers.scheduleAtFixedRate(() -> sample(self, phones, carrier, drops, baseline), 0, 1, TimeUnit.SECONDS);
        long interval = (long) (1e9 / o.rate);
        for (int i = 0; i < o.calls; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            dialers.execute(() -> dial(due));
        }
        long dialEnd = System.nanoTime();
        long deadline = dialEnd + TimeUnit.SECONDS.toNanos(o.hold + 60);
        while (System.nanoTime() < deadline && calls.values().stream().anyMatch(c -> c.end == null)) {
            Thread.sleep(200);
        }
        long answered = calls.values().stream().filter(c -> c.answeredNanos != 0).count();
        long recordingDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (recordings.get() < answered && System.nanoTime() < recordingDeadline) {
            Thread.sleep(200);
        }
        long end = System.nanoTime();
        Thread.sleep(1100); // a last sample with everything ended
        drops.sample();
        Map<String, Double> threadsAfter = ProcStats.threadCpu(self);
        report(start, dialEnd, end, drops.totals(baseline), udpBefore, ProcStats.udpCounters(), threadsBefore,
                threadsAfter, carrier, phones);
    }

    private void dial(long due) {
        Integer agent = freeAgents.poll();
        if (agent == null) {
            noFreeAgent.incrementAndGet();
            return;
        }
        String id = java.util.UUID.randomUUID().toString();
        CallRecord record = new CallRecord(id, agent, due);
        calls.put(id, record);
        OutboundCall call = new OutboundCall(id, user(agent), "+86138" + String.format(L, "%08d", agent), trunk,
                Duration.ofSeconds(20), recordingDir.resolve(id + ".wav"));
        try {
            gateway.dial(call, listener(record));
        } catch (CallRefusedException e) {
            refused.incrementAndGet();
            failures.computeIfAbsent("refused " + e.result(), k -> new AtomicInteger()).incrementAndGet();
            calls.remove(id);
            freeAgents.add(agent);
        }
    }

    private CallListener listener(CallRecord record) {
        return new CallListener() {
            @Override
            public void answered(Instant at) {
                long now = System.nanoTime();
                record.answeredNanos = now;
                lastAnsweredNanos.accumulateAndGet(now, Math::max);
                timers.schedule(() -> hangup(record), o.hold * 1000L, TimeUnit.MILLISECONDS);
            }

            @Override
            public void ended(CallEnd end) {
                record.endedNanos = System.nanoTime();
                record.end = end;
                if (!(end.result() == CallResult.ANSWERED && record.hungUpByUs)) {
                    String why = end.result() + " " + end.sipCode() + " " + end.reason() + " by " + end.by();
                    failures.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
                }
                freeAgents.add(record.agent);
            }

            @Override
            public void recordingStored(RecordingInfo info) {
                record.storedNanos = System.nanoTime();
                recordingBytes.addAndGet(info.sizeBytes());
                recordings.incrementAndGet();
                deleter.execute(() -> {
                    try {
                        Files.deleteIfExists(info.file());
                    } catch (IOException e) {
                        Logger.getLogger(SipBench.class.getName()).log(Level.WARNING, "could not delete " + info.file(), e);
                    }
                });
            }
        };
    }

    private void hangup(CallRecord record) {
        firstHangupNanos.accumulateAndGet(System.nanoTime(), Math::min);
        record.agentLeg = gateway.stats(record.id, Leg.AGENT).orElse(LegStats.NONE);
        record.customerLeg = gateway.stats(record.id, Leg.CUSTOMER).orElse(LegStats.NONE);
        record.hungUpByUs = true;
        gateway.hangup(record.id, HangupBy.SYSTEM);
    }

    // ------------------------------------------------------------------ sampling

    /** RTP counters summed over calls: snapshots of ended calls, live stats of the others. */
    private long[] rtpTotals() {
        long[] t = new long[8];
        for (CallRecord c : calls.values()) {
            LegStats a = c.agentLeg;
            LegStats cu = c.customerLeg;
            if (!c.hungUpByUs && c.answeredNanos != 0 && c.end == null) {
                a = gateway.stats(c.id, Leg.AGENT).orElse(a);
                cu = gateway.stats(c.id, Leg.CUSTOMER).orElse(cu);
            }
            t[0] += cu.packetsReceived();
            t[1] += cu.packetsLost();
            t[2] += a.packetsSent();
            t[3] += a.packetsReceived();
            t[4] += a.packetsLost();
            t[5] += cu.packetsSent();
        }
        return t;
    }

    private void sample(long self, SippProcess phones, SippProcess carrier, ProcStats.SocketDrops drops,
            Map<Long, Long> dropBaseline) {
        try {
            drops.sample();
            int answered = 0;
            int ended = 0;
            for (CallRecord c : calls.values()) {
                answered += c.answeredNanos != 0 ? 1 : 0;
                ended += c.end != null ? 1 : 0;
            }
            Sample s = new Sample(System.nanoTime(), gateway.activeCalls(), answered, ended, rtpTotals(),
                    drops.totals(dropBaseline).get("phones"), ProcStats.cpuSeconds(self), ProcStats.cpuSeconds(phones.pid()), ProcStats.cpuSeconds(carrier.pid()),
                    ProcStats.machineJiffies(), ProcStats.loadAverage());
            Sample previous;
            synchronized (samples) {
                previous = samples.isEmpty() ? null : samples.get(samples.size() - 1);
                samples.add(s);
            }
            if (previous != null && samples.size() % o.printEvery == 1) {
                printRow(previous, s);
            }
        } catch (RuntimeException e) {
            Logger.getLogger(SipBench.class.getName()).log(Level.WARNING, "sampling failed", e);
        }
    }

    private void header() {
        out.printf(L, "sip-bench: agents=%d calls=%d rate=%.1f/s hold=%ds ioThreads=%d rtp-tasks=%d cores=%d%n", o.agents,
                o.calls, o.rate, o.hold, o.ioThreads, o.rtpTasks, Runtime.getRuntime().availableProcessors());
        out.printf(L, "load average at start: %s   work dir: %s%n", ProcStats.loadAverage(), o.work);
        out.println("   t  active answered  ended | rtp in/s  gw loss%  tool loss% | cpu %core: gateway phones carrier machine(of 200) | load");
    }

    private void printRow(Sample a, Sample b) {
        double dt = (b.nanos - a.nanos) / 1e9;
        long in = (b.rtp[0] - a.rtp[0]) + (b.rtp[3] - a.rtp[3]);
        long toolDrops = b.phoneDrops - a.phoneDrops;
        long lost = (b.rtp[1] - a.rtp[1]) + Math.max(0, (b.rtp[4] - a.rtp[4]) - toolDrops - (b.rtp[1] - a.rtp[1]));
        double machine = b.machine[1] == a.machine[1] ? 0
                : 100.0 * Runtime.getRuntime().availableProcessors() * (b.machine[0] - a.machine[0]) / (b.machine[1] - a.machine[1]);
        long t0;
        synchronized (samples) {
            t0 = samples.get(0).nanos;
        }
        out.printf(L, "%4.0f %7d %8d %6d | %8.0f %8.3f %10.3f | %18.0f %6.0f %7.0f %8.0f | %s%n", (b.nanos - t0) / 1e9,
                b.active, b.answered, b.ended, in / dt, pct(lost, in + lost), pct(toolDrops, b.rtp[2] - a.rtp[2]), 100 * (b.gatewayCpu - a.gatewayCpu) / dt,
                100 * (b.phonesCpu - a.phonesCpu) / dt, 100 * (b.carrierCpu - a.carrierCpu) / dt, machine, b.load);
    }

    // ------------------------------------------------------------------ report

    private void report(long start, long dialEnd, long end, Map<String, Long> drops, Map<String, Long> udpBefore,
            Map<String, Long> udpAfter, Map<String, Double> threadsBefore, Map<String, Double> threadsAfter,
            SippProcess carrier, SippProcess phones) {
        List<Sample> all;
        synchronized (samples) {
            all = new ArrayList<>(samples);
        }
        Sample first = all.get(0);
        Sample last = all.get(all.size() - 1);
        List<CallRecord> records = new ArrayList<>(calls.values());
        long answered = records.stream().filter(c -> c.answeredNanos != 0).count();
        long ok = records.stream().filter(c -> c.hungUpByUs && c.end != null && c.end.result() == CallResult.ANSWERED).count();
        long unfinished = records.stream().filter(c -> c.end == null).count();
        int attempted = records.size() + refused.get();
        long failed = attempted - ok;
        int peak = all.stream().mapToInt(Sample::active).max().orElse(0);
        double dialSeconds = (dialEnd - start) / 1e9;

        out.println();
        out.println("== calls");
        out.printf(L, "placed %d in %.1f s = %.1f calls/s offered (no free agent: %d skipped)%n", attempted, dialSeconds,
                attempted / dialSeconds, noFreeAgent.get());
        out.printf(L, "answered, held %d s and hung up by the driver: %d; failed: %d = %.3f %% (refused by dial() %d, unfinished %d)%n",
                o.hold, ok, failed, pct(failed, attempted), refused.get(), unfinished);
        failures.forEach((why, n) -> out.printf(L, "   %6d  %s%n", n.get(), why));
        out.printf(L, "peak concurrent calls at the gateway: %d%n", peak);
        long[] setup = records.stream().filter(c -> c.answeredNanos != 0).mapToLong(c -> c.answeredNanos - c.dueNanos)
                .sorted().toArray();
        if (setup.length > 0) {
            out.printf(L, "setup (scheduled dial -> both legs answered, bridged, recording): p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    ms(setup, 0.5), ms(setup, 0.9), ms(setup, 0.99), setup[setup.length - 1] / 1e6);
        }
        out.printf(L, "recordings stored: %d of %d answered (%.1f MB, deleted as they were stored)%n", recordings.get(),
                answered, recordingBytes.get() / 1e6);
        long[] store = records.stream().filter(c -> c.storedNanos != 0 && c.endedNanos != 0)
                .mapToLong(c -> c.storedNanos - c.endedNanos).sorted().toArray();
        if (store.length > 0) {
            out.printf(L, "ended -> recording stored (synced, hashed): p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", ms(store, 0.5),
                    ms(store, 0.99), store[store.length - 1] / 1e6);
        }

        out.println();
        out.println("== RTP per hop, in packets (media path: carrier -> gateway -> phone, echoed -> gateway -> carrier)");
        long[] r = last.rtp;
        long phoneDrops = drops.get("phones");
        // the gateway passes sequence gaps through (LegState), so hop 1's losses come back as gaps of the echo too
        long hop3 = Math.max(0, r[4] - phoneDrops - r[1]); // drops in the last moments of a call leave no gap
        long gatewayLoss = r[1] + Math.max(0, hop3);
        out.printf(L, "1 carrier -> gateway  received %10d  lost (sequence gaps)           %7d  = %.4f %%%n", r[0], r[1],
                pct(r[1], r[0] + r[1]));
        out.printf(L, "2 gateway -> phones   sent     %10d  dropped at sipp's echo socket   %7d  = %.4f %%  (the load tool)%n",
                r[2], phoneDrops, pct(phoneDrops, r[2]));
        out.printf(L, "3 phones -> gateway   received %10d  lost: gaps %d - hop 2 drops - hop 1 gaps passed on = %d = %.4f %%%n",
                r[3], r[4], hop3, pct(hop3, r[3] + Math.max(0, hop3)));
        out.printf(L, "4 gateway -> carrier  sent     %10d  (sipp 3.6 never reads its RTP port: %d dropped there unread)%n",
                r[5], drops.get("carrier"));
        out.printf(L, "kernel drops on the gateway's own sockets (SIP and RTP): %d (RTP ones included in hops 1 and 3; SIP ones cost retransmissions)%n", drops.get("gateway"));
        out.printf(L, "received but not relayed: carrier->phones %d, phones->carrier %d%n", r[0] - r[2], r[3] - r[5]);
        out.printf(L, "machine-wide UDP during the run: RcvbufErrors +%d  SndbufErrors +%d%n",
                delta(udpBefore, udpAfter, "RcvbufErrors"), delta(udpBefore, udpAfter, "SndbufErrors"));
        out.printf(L, "LOSS at the gateway (hops 1 + 3): %.4f %%;  end to end incl. the load tool (hops 1-3): %.4f %%%n",
                pct(gatewayLoss, r[0] + r[1] + r[3] + Math.max(0, hop3)), pct(r[4], r[0] + r[1]));
        plateau(all);

        out.println();
        out.println("== CPU (from the first dial to the last recording stored)");
        double wall = (end - start) / 1e9;
        Sample endSample = closest(all, end);
        double gw = endSample.gatewayCpu - first.gatewayCpu;
        double ph = endSample.phonesCpu - first.phonesCpu;
        double ca = endSample.carrierCpu - first.carrierCpu;
        double machine = 100.0 * Runtime.getRuntime().availableProcessors() * (endSample.machine[0] - first.machine[0])
                / Math.max(1, endSample.machine[1] - first.machine[1]);
        out.printf(L, "%.1f s: gateway JVM %.1f %% of a core, sipp phones %.1f %%, sipp carrier %.1f %%, machine %.0f %% of %d00 %%%n",
                wall, 100 * gw / wall, 100 * ph / wall, 100 * ca / wall, machine, Runtime.getRuntime().availableProcessors());
        if (ok > 0) {
            out.printf(L, "gateway CPU per call: %.2f ms (setup + %d s of media + teardown + recording)%n", 1000 * gw / ok, o.hold);
        }
        out.println("gateway JVM threads (CPU seconds in the run):");
        Map<String, Double> byThread = new TreeMap<>();
        threadsAfter.forEach((k, v) -> byThread.put(k, v - threadsBefore.getOrDefault(k, 0.0)));
        byThread.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                .forEach(e -> out.printf(L, "   %7.2f s  %s%n", e.getValue(), e.getKey()));
        out.printf(L, "sipp error events: phones %d, carrier %d (see %s)%n", phones.errorEvents(), carrier.errorEvents(), o.work);
        out.printf(L, "load average at the end: %s%n", ProcStats.loadAverage());
    }

    /** Loss and CPU while every call was up: from the last answer to the first hang-up, when both lie a few seconds apart. */
    private void plateau(List<Sample> all) {
        long from = lastAnsweredNanos.get();
        long to = firstHangupNanos.get();
        Sample a = all.stream().filter(s -> s.nanos >= from).findFirst().orElse(null);
        Sample b = null;
        for (Sample s : all) {
            if (s.nanos <= to) {
                b = s;
            }
        }
        if (a == null || b == null || (b.nanos - a.nanos) < 3e9) {
            return;
        }
        double dt = (b.nanos - a.nanos) / 1e9;
        long in = (b.rtp[0] - a.rtp[0]) + (b.rtp[3] - a.rtp[3]);
        long toolDrops = b.phoneDrops - a.phoneDrops;
        long lost = (b.rtp[1] - a.rtp[1]) + Math.max(0, (b.rtp[4] - a.rtp[4]) - toolDrops - (b.rtp[1] - a.rtp[1]));
        double machine = 100.0 * Runtime.getRuntime().availableProcessors() * (b.machine[0] - a.machine[0])
                / Math.max(1, b.machine[1] - a.machine[1]);
        out.printf(L, "plateau (%d calls up, no setup or teardown, %.0f s): %.0f packets/s into the gateway, lost at the gateway %.4f %%"
                + " (sipp echo dropped %.4f %%);"
                + " CPU gateway %.1f %% of a core (%.3f %% per call), phones %.1f %%, carrier %.1f %%, machine %.0f %%; load %s%n",
                b.active, dt, in / dt, pct(lost, in + lost), pct(toolDrops, b.rtp[2] - a.rtp[2]), 100 * (b.gatewayCpu - a.gatewayCpu) / dt,
                100 * (b.gatewayCpu - a.gatewayCpu) / dt / Math.max(1, b.active), 100 * (b.phonesCpu - a.phonesCpu) / dt,
                100 * (b.carrierCpu - a.carrierCpu) / dt, machine, b.load);
    }

    // ------------------------------------------------------------------ helpers

    private static Sample closest(List<Sample> all, long nanos) {
        Sample best = all.get(all.size() - 1);
        for (Sample s : all) {
            if (s.nanos >= nanos) {
                return s;
            }
        }
        return best;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    private static double pct(long part, long whole) {
        return whole <= 0 ? 0 : 100.0 * part / whole;
    }

    private static String user(int i) {
        return "agent" + (10000 + i);
    }

    private static String password(int i) {
        return "pw-" + Integer.toHexString(0x5eed * (i + 1));
    }

    private void writeUsers(Path file) throws IOException {
        StringBuilder b = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < o.agents; i++) {
            b.append(user(i)).append(';').append(password(i)).append(";\n");
        }
        Files.writeString(file, b, StandardCharsets.US_ASCII);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    private void configureLogging(Path file) throws IOException {
        Logger root = Logger.getLogger("");
        Arrays.stream(root.getHandlers()).forEach(root::removeHandler);
        FileHandler handler = new FileHandler(file.toString());
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(o.logLevel);
        Logger.getLogger("org.jitsi").setLevel(Level.WARNING);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Command-line options, {@code --name=value}. */
    record Options(int agents, int calls, int warmupCalls, double rate, int hold, int ioThreads, int rtpTasks, int rtpBuffer, int printEvery,
            Level logLevel, Path work, Path scenarios) {

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("agents", "500");
            m.put("calls", "");
            m.put("warmup-calls", "0");
            m.put("rate", "50");
            m.put("hold", "60");
            m.put("io-threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
            m.put("rtp-tasks", "20");
            m.put("rtp-buffer", "212992");
            m.put("print-every", "5");
            m.put("log-level", "INFO");
            m.put("work", "/tmp/sip-bench");
            m.put("scenarios", "infra/sip-bench");
            for (String a : args) {
                int eq = a.indexOf('=');
                String key = a.startsWith("--") && eq > 2 ? a.substring(2, eq) : null;
                if (key == null || !m.containsKey(key)) {
                    throw new IllegalArgumentException("unknown option " + a + "; options and defaults: " + m);
                }
                m.put(key, a.substring(eq + 1));
            }
            int agents = Integer.parseInt(m.get("agents"));
            return new Options(agents, m.get("calls").isEmpty() ? agents : Integer.parseInt(m.get("calls")),
                    Integer.parseInt(m.get("warmup-calls")),
                    Double.parseDouble(m.get("rate")), Integer.parseInt(m.get("hold")), Integer.parseInt(m.get("io-threads")),
                    Integer.parseInt(m.get("rtp-tasks")), Integer.parseInt(m.get("rtp-buffer")), Integer.parseInt(m.get("print-every")),
                    Level.parse(m.get("log-level")), Path.of(m.get("work")).toAbsolutePath(),
                    Path.of(m.get("scenarios")).toAbsolutePath());
        }
    }
}
