package io.solcial.beacon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CPU time (user + system) of a process and its live descendants, from {@code /proc/<pid>/stat} (Linux). */
final class ProcCpu {
    /** USER_HZ: the unit of utime/stime; 100 on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcCpu() {
    }

    /** This JVM alone (not its child processes: nginx and wrk are children of the bench JVM). */
    static long self() throws IOException {
        return ticks(ProcessHandle.current().pid()) * NANOS_PER_TICK;
    }

    /** {@code pid} and its live descendants (nginx's master and workers). */
    static long tree(long pid) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        long ticks = 0;
        for (long p : pids) {
            ticks += ticks(p);
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long ticks(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return 0; // exited meanwhile
        }
        // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
