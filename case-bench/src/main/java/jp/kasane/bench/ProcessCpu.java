package jp.kasane.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whose CPU a scenario's measured window used (Linux {@code /proc}): the application's JVM, its PostgreSQL (the
 * postmaster and every backend, the ones that ended in the window too; of it, the server's own processes and the
 * processes that ended, mostly autovacuum workers) and this benchmark's own JVM (the clients and
 * probes), beside how busy the whole machine was. On a machine whose cores are all busy, the application's CPU per
 * request is what bounds its rate; this says how much of the machine the rate had, and how much the client took from
 * it (the benchmark runs on the same machine).
 */
final class ProcessCpu {

    /** CPU seconds used so far by each, and the machine's busy and total seconds (all cores). */
    record Sample(double app, double appJit, double appGc, double postgres, double postgresBackground,
                  double postgresEnded, double bench, double machineBusy, double machineTotal) {
    }

    /**
     * Over one window: the cores each used on average, and the share of the machine's time that was busy.
     *
     * @param seconds the window's length
     */
    record Use(double seconds, double appCores, double appJitCores, double appGcCores, double postgresCores,
               double postgresBackgroundCores, double postgresEndedCores, double benchCores, double machineBusy) {
    }

    private static final Path PROC = Path.of("/proc");

    private final long appPid;
    private final long postmasterPid;
    private final long benchPid = ProcessHandle.current().pid();
    private final double ticksPerSecond = ticksPerSecond();

    ProcessCpu(long appPid, long postmasterPid) {
        this.appPid = appPid;
        this.postmasterPid = postmasterPid;
    }

    /** Whether this machine has a {@code /proc} to read (Linux); elsewhere the report says "not measured". */
    static boolean available() {
        return Files.isReadable(PROC.resolve("stat")) && Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    Sample sample() throws IOException {
        long postgres = 0;
        long background = 0;
        // A backend that ended is counted in its parent's children's time, so nothing in the window is lost.
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                Stat stat = stat(process);
                if (stat != null && stat.ppid() == postmasterPid) {
                    postgres += stat.own();
                    if (background(title(process))) {
                        background += stat.own();
                    }
                }
            }
        }
        long ended = 0;
        Stat postmaster = stat(PROC.resolve(Long.toString(postmasterPid)));
        if (postmaster != null) {
            postgres += postmaster.own() + postmaster.children();
            background += postmaster.own();
            ended = postmaster.children();
        }
        long[] machine = machine(Files.readAllLines(PROC.resolve("stat")).get(0));
        long jit = 0;
        long gc = 0;
        // The application's threads by name: HotSpot's JIT compilers and G1's collectors. A compiler thread the JVM
        // ended in the window takes its time with it (they come and go), so the JIT's share is a lower bound.
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(PROC.resolve(Long.toString(appPid)).resolve("task"))) {
            for (Path thread : threads) {
                String line = read(thread);
                if (line == null) {
                    continue;
                }
                String name = Stat.name(line);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit += Stat.parse(line).own();
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += Stat.parse(line).own();
                }
            }
        } catch (IOException gone) {
            // the application is gone: its totals say so
        }
        return new Sample(own(appPid) / ticksPerSecond, jit / ticksPerSecond, gc / ticksPerSecond,
                postgres / ticksPerSecond, background / ticksPerSecond, ended / ticksPerSecond,
                own(benchPid) / ticksPerSecond, machine[0] / ticksPerSecond, machine[1] / ticksPerSecond);
    }

    static Use between(Sample from, Sample to, double seconds) {
        double machine = to.machineTotal() - from.machineTotal();
        return new Use(seconds, (to.app() - from.app()) / seconds, (to.appJit() - from.appJit()) / seconds,
                (to.appGc() - from.appGc()) / seconds, (to.postgres() - from.postgres()) / seconds,
                (to.postgresBackground() - from.postgresBackground()) / seconds,
                (to.postgresEnded() - from.postgresEnded()) / seconds,
                (to.bench() - from.bench()) / seconds,
                machine <= 0 ? Double.NaN : (to.machineBusy() - from.machineBusy()) / machine);
    }

    /**
     * Whether a PostgreSQL process is one of the server's own (checkpointer, WAL writer, autovacuum, ...), not a
     * client's backend, from the title PostgreSQL gives it ({@code postgres: walwriter}; a backend's names its user,
     * database and client: {@code postgres: postgres kasane 127.0.0.1(51218) idle}).
     */
    static boolean background(String title) {
        String role = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
        return role.startsWith("checkpointer") || role.startsWith("background writer") || role.startsWith("walwriter")
                || role.startsWith("autovacuum") || role.startsWith("logger") || role.startsWith("logical replication")
                || role.startsWith("archiver") || role.startsWith("startup") || role.startsWith("io worker");
    }

    private static String title(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private long own(long pid) throws IOException {
        Stat stat = stat(PROC.resolve(Long.toString(pid)));
        return stat == null ? 0 : stat.own();
    }

    /** The fields of {@code /proc/<pid>/stat} used here, in clock ticks. */
    record Stat(long ppid, long utime, long stime, long cutime, long cstime) {

        long own() {
            return utime + stime;
        }

        long children() {
            return cutime + cstime;
        }

        /**
         * Parses one {@code stat} line. The command name (field 2) is in parentheses and may itself hold spaces and
         * parentheses, so the fields are counted from the last ')'.
         */
        /** The command (a thread's name, cut to 15 characters by the kernel), between the first '(' and the last ')'. */
        static String name(String line) {
            return line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        }

        static Stat parse(String line) {
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17
            return new Stat(Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14]));
        }
    }

    private static Stat stat(Path process) {
        String line = read(process);
        return line == null ? null : Stat.parse(line);
    }

    private static String read(Path processOrThread) {
        try {
            return Files.readString(processOrThread.resolve("stat"));
        } catch (IOException | RuntimeException gone) {
            return null; // it ended between listing and reading, or is not ours to read
        }
    }

    /** {@code /proc/stat}'s first line: busy and total ticks of all cores (idle and I/O wait are not busy). */
    static long[] machine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return 100; // Linux's USER_HZ on every common architecture
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
