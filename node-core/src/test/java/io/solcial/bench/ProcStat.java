package io.solcial.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Process figures from Linux's {@code /proc}, for benchmarks: CPU time, resident memory, open-file limit. */
public final class ProcStat {
    /** USER_HZ, the unit of {@link #cpuTicks}: 100 on every Linux this runs on. */
    public static final long TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** utime + stime of a process in clock ticks; 0 when it has exited. */
    public static long cpuTicks(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return 0;
        }
        // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** This process's resident set size ({@code VmRSS}), in bytes. */
    public static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    /** This process's soft limit on open files. */
    public static long openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no open-file limit in /proc/self/limits");
    }
}
