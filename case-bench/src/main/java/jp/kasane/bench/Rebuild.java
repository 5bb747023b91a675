package jp.kasane.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Rebuilding every read model from the first event, as an operator does after a fix
 * ({@code POST /api/v1/admin/projections/{name}/replay}, all at once): events per second until every one has
 * caught up with the event store's head. The audit chain is not a read model and is not replayed.
 */
final class Rebuild {

    /**
     * {@code startedSeconds}: until every replay request was answered (each stops its processor first);
     * {@code caughtUpSeconds}: when each projection had caught up, from the first request (the slowest sets the rate).
     */
    record Result(long events, double seconds, double eventsPerSecond, List<String> projections,
                  double startedSeconds, Map<String, Double> caughtUpSeconds) {

        /** The replay's own rate: events over the time from the last replay accepted to the last caught up. */
        double eventsPerSecondOnceStarted() {
            return events / (seconds - startedSeconds);
        }
    }

    private final Http http;
    private final AppUnderTest app;

    Rebuild(Http http, AppUnderTest app) {
        this.http = http;
        this.app = app;
    }

    Result run() throws Exception {
        long head;
        long events;
        try (Connection c = app.database(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select max(globalindex), count(*) from domainevententry")) {
            rs.next();
            head = rs.getLong(1);
            events = rs.getLong(2);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode p : http.get(Probes.ADMIN, "/api/v1/admin/projections").json()) {
            if (p.path("replayable").asBoolean()) {
                names.add(p.path("name").asText());
            }
        }
        long t0 = System.nanoTime();
        // All at once, as an operator rebuilding everything would: each request stops its processor first, which
        // waits for the processor's current wait on the event stream to end (up to Axon's one-second event
        // availability timeout), and one after the other those waits added up to most of a small rebuild.
        List<CompletableFuture<Http.Answer>> replays = new ArrayList<>();
        for (String name : names) {
            replays.add(CompletableFuture.supplyAsync(
                    () -> http.post(Probes.ADMIN, "/api/v1/admin/projections/" + name + "/replay", null)));
        }
        for (int i = 0; i < names.size(); i++) {
            Http.Answer a = replays.get(i).join();
            if (a.status() != 202) {
                throw new IllegalStateException("replay of " + names.get(i) + " answered " + a.status() + ": "
                        + a.body());
            }
        }
        double started = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> caughtUp = new LinkedHashMap<>();
        while (caughtUp.size() < names.size()) {
            for (JsonNode p : http.get(Probes.ADMIN, "/api/v1/admin/projections").json()) {
                String name = p.path("name").asText();
                if (names.contains(name) && !caughtUp.containsKey(name)
                        && !p.path("replaying").asBoolean() && p.path("position").asLong(-1) >= head) {
                    caughtUp.put(name, (System.nanoTime() - t0) / 1e9);
                }
            }
            Thread.sleep(20);
        }
        double seconds = Collections.max(caughtUp.values());
        return new Result(events, seconds, events / seconds, names, started, caughtUp);
    }
}
