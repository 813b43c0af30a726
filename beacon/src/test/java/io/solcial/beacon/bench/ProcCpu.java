package io.solcial.beacon.bench;

import io.solcial.bench.ProcStat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** CPU time (user + system) of this JVM, or of a process and its live descendants (Linux {@code /proc}). */
final class ProcCpu {
    private static final long NANOS_PER_TICK = 1_000_000_000L / ProcStat.TICKS_PER_SECOND;

    private ProcCpu() {
    }

    /** This JVM alone (not its child processes: nginx and wrk are children of the bench JVM). */
    static long self() throws IOException {
        return ProcStat.cpuTicks(ProcessHandle.current().pid()) * NANOS_PER_TICK;
    }

    /** {@code pid} and its live descendants (nginx's master and workers). */
    static long tree(long pid) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        long ticks = 0;
        for (long p : pids) {
            ticks += ProcStat.cpuTicks(p);
        }
        return ticks * NANOS_PER_TICK;
    }
}
