package jp.kasane.api.config.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code postmaster.pid} of a PostgreSQL cluster directory, and what to do about the process it names before a
 * new server is started on that directory.
 *
 * <p>If the Java process was killed ({@code kill -9}, power button, OOM killer), the PostgreSQL it had started keeps
 * running as an orphan and keeps the cluster locked. On the next start we read the pid file; if its pid is alive and
 * is a {@code postgres} process serving this very directory, we stop it the way PostgreSQL wants to be stopped
 * (SIGTERM = smart shutdown, then SIGINT = fast shutdown, then SIGQUIT = immediate shutdown, which is crash-safe),
 * waiting for it to exit. If the pid is dead, or now belongs to some unrelated process, the file is stale and is
 * removed so the new server does not refuse to start. Never SIGKILL: a killed postmaster leaves its backends and
 * shared memory behind.
 *
 * @param pid           line 1: the postmaster's process id
 * @param dataDirectory line 2: the data directory the postmaster serves (absolute)
 * @param port          line 4: its port, or -1 when not (yet) written
 */
record PostmasterPidFile(Path file, long pid, String dataDirectory, int port) {

    private static final Logger log = LoggerFactory.getLogger(PostmasterPidFile.class);

    static final String FILE_NAME = "postmaster.pid";
    private static final Duration SMART_SHUTDOWN_PATIENCE = Duration.ofSeconds(5);

    /** The pid file of {@code clusterDirectory}, if there is one that can be parsed. */
    static Optional<PostmasterPidFile> read(Path clusterDirectory) {
        Path file = clusterDirectory.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(clusterDirectory,
                    "Kasane cannot read " + file + ": " + e.getMessage(),
                    "Check the permissions of kasane.data-dir.", e);
        }
        if (lines.isEmpty()) {
            // Written but not filled yet by a postmaster that died at once: nothing runs.
            return Optional.of(new PostmasterPidFile(file, -1, "", -1));
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        String dir = lines.size() > 1 ? lines.get(1).trim() : "";
        int port = -1;
        if (lines.size() > 3) {
            try {
                port = Integer.parseInt(lines.get(3).trim());
            } catch (NumberFormatException ignored) {
                // keep -1
            }
        }
        return Optional.of(new PostmasterPidFile(file, pid, dir, port));
    }

    /**
     * The live process named by this file, if it is a PostgreSQL server for {@code clusterDirectory}. A dead pid, or a
     * pid that was reused by another program after a reboot, gives empty.
     */
    Optional<ProcessHandle> runningPostmaster(Path clusterDirectory) {
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(h -> !hasExited(h));
        if (handle.isEmpty() || !sameDirectory(dataDirectory, clusterDirectory)) {
            return Optional.empty();
        }
        ProcessHandle.Info info = handle.get().info();
        Optional<String> command = info.command();
        if (command.isPresent() && !isPostgresBinary(command.get())) {
            return Optional.empty();
        }
        Optional<String[]> arguments = info.arguments();
        if (arguments.isPresent() && !mentions(arguments.get(), clusterDirectory)) {
            return Optional.empty();
        }
        if (command.isEmpty() && arguments.isEmpty()) {
            // The process is alive but we may not look at it (another user's process): do not touch it, and do not
            // delete its lock file either. PostgreSQL will refuse to start and say why.
            throw new EmbeddedDatabaseException(clusterDirectory,
                    "Kasane cannot start its embedded PostgreSQL: " + file + " names process " + pid
                            + ", which is running and cannot be inspected",
                    "Stop process " + pid + " if it is an old PostgreSQL server of this data directory, "
                            + "or delete " + file + " if it is not, then start Kasane again.");
        }
        return handle;
    }

    /**
     * Makes {@code clusterDirectory} free for a new server: stops an orphaned postmaster, or removes a stale pid file.
     *
     * @return the pid of the orphan that was stopped, or -1
     */
    static long clear(Path clusterDirectory, Duration patience) {
        Optional<PostmasterPidFile> pidFile = read(clusterDirectory);
        if (pidFile.isEmpty()) {
            return -1;
        }
        PostmasterPidFile found = pidFile.get();
        Optional<ProcessHandle> orphan = found.runningPostmaster(clusterDirectory);
        if (orphan.isPresent()) {
            log.warn("An embedded PostgreSQL from an earlier Kasane run is still running (pid {}, port {}) on {}; "
                    + "stopping it before starting a new one", found.pid(), found.port(), clusterDirectory);
            stop(orphan.get(), clusterDirectory, patience);
            log.info("Stopped the earlier PostgreSQL (pid {})", found.pid());
        } else {
            log.info("Removing stale {} (pid {} is not a running PostgreSQL of this directory)", found.file(),
                    found.pid());
        }
        try {
            // A clean shutdown removes the file itself; after an immediate shutdown or for a stale file we do.
            Files.deleteIfExists(found.file());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(clusterDirectory,
                    "Kasane cannot remove the stale " + found.file() + ": " + e.getMessage(),
                    "Check the permissions of kasane.data-dir.", e);
        }
        return orphan.map(ProcessHandle::pid).orElse(-1L);
    }

    private static void stop(ProcessHandle postmaster, Path clusterDirectory, Duration patience) {
        // SIGTERM: smart shutdown. The killed Java process's connections are closed already, so this is usually
        // all it takes; but it would wait for any other client (an operator's psql), so only briefly.
        postmaster.destroy();
        if (awaitExit(postmaster, SMART_SHUTDOWN_PATIENCE)) {
            return;
        }
        // SIGINT: fast shutdown, what pg_ctl stop does: rolls back open transactions, disconnects, checkpoints.
        log.info("PostgreSQL (pid {}) still has clients; asking for a fast shutdown", postmaster.pid());
        if (signal(postmaster.pid(), "INT") && awaitExit(postmaster, patience)) {
            return;
        }
        // SIGQUIT: immediate shutdown; the next start replays the WAL, nothing committed is lost.
        log.warn("PostgreSQL (pid {}) did not stop in {}; asking for an immediate shutdown", postmaster.pid(),
                patience);
        if (signal(postmaster.pid(), "QUIT") && awaitExit(postmaster, patience)) {
            return;
        }
        throw new EmbeddedDatabaseException(clusterDirectory,
                "Kasane cannot start its embedded PostgreSQL: an earlier PostgreSQL server (pid " + postmaster.pid()
                        + ") still runs on " + clusterDirectory + " and did not stop",
                "Stop process " + postmaster.pid() + " (pg_ctl stop -D " + clusterDirectory
                        + " -m fast) and start Kasane again.");
    }

    private static boolean signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            log.warn("Cannot send SIG{} to {}: {}", signal, pid, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until {@code process} has exited. A postmaster is not our child (pg_ctl started it), so once it exits it
     * stays a zombie until init reaps it; a zombie holds no port, file or shared memory, so it counts as exited.
     */
    static boolean awaitExit(ProcessHandle process, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!hasExited(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return hasExited(process);
            }
        }
        return true;
    }

    /** Whether {@code pid} is a live process (a zombie is not). */
    static boolean isRunning(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(h -> !hasExited(h)).orElse(false);
    }

    private static boolean hasExited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            // Linux: /proc/<pid>/stat is "pid (comm) S ...", state Z = zombie, X = dead.
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            char state = afterName > 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or not allowed to look: rely on isAlive()
        }
    }

    private static boolean isPostgresBinary(String command) {
        String name = Path.of(command).getFileName().toString();
        return name.equals("postgres") || name.equals("postgres.exe") || name.equals("postmaster");
    }

    private static boolean mentions(String[] arguments, Path clusterDirectory) {
        for (String argument : arguments) {
            if (sameDirectory(argument, clusterDirectory)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameDirectory(String candidate, Path clusterDirectory) {
        if (candidate == null || candidate.isBlank()) {
            return false;
        }
        try {
            Path path = Path.of(candidate);
            if (path.toAbsolutePath().normalize().equals(clusterDirectory.toAbsolutePath().normalize())) {
                return true;
            }
            return Files.exists(path) && Files.isSameFile(path, clusterDirectory);
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }
}
