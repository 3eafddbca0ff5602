package io.waihu.bench;

import java.util.Arrays;

/**
 * One reading of where the machine's CPU went, in {@link ProcStat#TICK} ticks: the server JVM,
 * its PostgreSQL, other watched processes (sipp), this client, and the machine as a whole. Two
 * readings give cores used per part over the interval, and CPU milliseconds per operation — the
 * cost that caps throughput once the cores are full.
 */
public record CpuSample(long machineBusy, long machineAll, long server, long postgres, long others, long client,
        long jitNanos, long nanos) {

    /**
     * Reads now. A pid of 0 is not watched; {@code withJit} also asks the server JVM for its JIT
     * time (a jcmd call, so only where the warm-up needs it).
     */
    public static CpuSample now(long serverPid, long postgresPid, boolean withJit, long... otherPids) {
        long[] machine = ProcStat.machineJiffies();
        return new CpuSample(machine[0], machine[1], serverPid > 0 ? ProcStat.ticks(serverPid) : 0,
                ProcStat.postgresTicks(postgresPid), Arrays.stream(otherPids).map(ProcStat::ticks).sum(),
                ProcStat.ownTicks(), withJit && serverPid > 0 ? ProcStat.jitNanos(serverPid) : 0, System.nanoTime());
    }

    public double seconds(CpuSample before) {
        return (nanos - before.nanos) / 1e9;
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Cores the whole machine was busy. */
    public double machineCores(CpuSample before) {
        long all = machineAll - before.machineAll;
        return all == 0 ? 0 : cores() * (double) (machineBusy - before.machineBusy) / all;
    }

    public double serverCores(CpuSample before) {
        return cores(server - before.server, before);
    }

    public double postgresCores(CpuSample before) {
        return cores(postgres - before.postgres, before);
    }

    public double othersCores(CpuSample before) {
        return cores(others - before.others, before);
    }

    public double clientCores(CpuSample before) {
        return cores(client - before.client, before);
    }

    /** Cores (wall) the server's JIT compiler was busy. */
    public double jitCores(CpuSample before) {
        return (jitNanos - before.jitNanos) / 1e9 / seconds(before);
    }

    /** Busy cores not accounted for by a watched process: other work on the machine. */
    public double restCores(CpuSample before) {
        return Math.max(0, machineCores(before) - serverCores(before) - postgresCores(before) - othersCores(before)
                - clientCores(before));
    }

    public double serverMs(CpuSample before, long operations) {
        return ms(server - before.server, operations);
    }

    public double postgresMs(CpuSample before, long operations) {
        return ms(postgres - before.postgres, operations);
    }

    public double othersMs(CpuSample before, long operations) {
        return ms(others - before.others, operations);
    }

    public double clientMs(CpuSample before, long operations) {
        return ms(client - before.client, operations);
    }

    public double jitMs(CpuSample before, long operations) {
        return operations == 0 ? 0 : (jitNanos - before.jitNanos) / 1e6 / operations;
    }

    private double cores(long ticks, CpuSample before) {
        return ticks * ProcStat.TICK / seconds(before);
    }

    private static double ms(long ticks, long operations) {
        return operations == 0 ? 0 : ticks * ProcStat.TICK * 1000 / operations;
    }
}
