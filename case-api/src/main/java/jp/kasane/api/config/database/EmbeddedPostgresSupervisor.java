package jp.kasane.api.config.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the embedded postmaster and starts it again when it dies (docs/database.md "When the database fails"):
 * a watchdog on the process, not the next failed request. Between its death and the restart requests answer
 * {@code 503 DATABASE_UNAVAILABLE}; after it the pool reconnects and the event processors resume from their tokens.
 * Only the embedded database is supervised: an external one belongs to the city's operators.
 */
public final class EmbeddedPostgresSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresSupervisor.class);

    private final EmbeddedPostgresServer server;
    private final ScheduledExecutorService watchdog;
    private volatile boolean reported;

    public EmbeddedPostgresSupervisor(EmbeddedPostgresServer server, Duration every) {
        this.server = server;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void check() {
        if (server.isRunning()) {
            reported = false;
            return;
        }
        if (!reported) {
            log.warn("The embedded PostgreSQL postmaster is not running; restarting it on the same data directory");
            reported = true;
        }
        try {
            server.restart();
        } catch (RuntimeException e) {
            log.warn("Restart of the embedded PostgreSQL failed, trying again: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
