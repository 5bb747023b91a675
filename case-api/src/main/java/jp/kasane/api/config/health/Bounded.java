package jp.kasane.api.config.health;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A health check's database work, given a bounded time: when the database is gone the pool waits its whole
 * connection timeout, and health must still answer within a second (docs/database.md "Health and readiness").
 */
final class Bounded {

    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-probe");
        t.setDaemon(true);
        return t;
    });

    private Bounded() {
    }

    /** The value, or empty when it took longer than {@code patience}; a failure of the work is rethrown. */
    static <T> Optional<T> within(Duration patience, Supplier<T> work) {
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(work, PROBES);
        try {
            return Optional.ofNullable(answer.get(patience.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
