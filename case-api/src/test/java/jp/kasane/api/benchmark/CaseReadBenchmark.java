package jp.kasane.api.benchmark;

import jp.kasane.api.support.Api;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How long a case read takes over HTTP on the embedded PostgreSQL, as the case's history grows, beside two baselines
 * measured in the same run: {@code GET /api/v1/agencies} (authentication + one cached registry read, no case) and a
 * consultation write (one event appended and committed), because a read by another agency writes its ledger line.
 * Not part of the test suite (the class name does not end in Test). Run:
 * <pre>mvn -q -DskipTests install && mvn -B -pl case-api test -Dtest=CaseReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Add {@code -Daxon.timeout.enabled=true} to measure with Axon's handler timeouts on, or
 * {@code -Dkasane.snapshots.after-events=0} without case snapshots (see docs/benchmarks.md).
 * Figures go to stdout and case-api/target/benchmarks/; docs/benchmarks.md records them.
 */
@KasaneIntegrationTest
class CaseReadBenchmark {

    static final int WARMUP = 200;
    static final int ROUNDS = 500;

    @Autowired
    Api api;

    @Test
    void case_reads_against_the_baseline() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| what | events in the case | mean ms | p50 ms | p95 ms | p99 ms |");
        lines.add("| --- | --- | --- | --- | --- | --- |");
        lines.add(row("baseline: GET /api/v1/agencies", "-", () -> api.get("demo-houkatsu-north", "/api/v1/agencies").status()));
        Api.OpenedCase written = api.open8050("demo-houkatsu-south");
        String writes = row("baseline write: POST consultation (one event, one commit)", "%s", () -> api.post("demo-houkatsu-south",
                "/api/v1/cases/" + written.caseId() + "/consultations", Map.of("occurredAt", "2026-04-10T01:00:00Z",
                        "channel", "PHONE", "summary", "電話相談。", "issues", List.of())).status());
        lines.add(String.format(writes, "2 → " + api.eventCount(written.caseId())));
        for (int consultations : new int[] {1, 50, 200}) {
            Api.OpenedCase c = api.open8050("demo-houkatsu-north");
            for (int i = 1; i < consultations; i++) {
                api.post("demo-houkatsu-north", "/api/v1/cases/" + c.caseId() + "/consultations", Map.of(
                        "occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE",
                        "summary", "電話相談 " + i + "。息子さんの様子について母から。", "issues", List.of("HIKIKOMORI")));
            }
            api.consent("demo-houkatsu-north", c.caseId(), c.self(), List.of("jiritsu"), List.of("BASIC", "NOTES"));
            int events = api.eventCount(c.caseId());
            lines.add(row("GET case, opening agency (no ledger write)", String.valueOf(events),
                    () -> api.get("demo-houkatsu-north", "/api/v1/cases/" + c.caseId()).status()));
            String timings = row("GET case, agency on CONSENT (decision + CaseDisclosed)", "%s",
                    () -> api.get("demo-jiritsu", "/api/v1/cases/" + c.caseId()).status());
            // Each of these reads appends its ledger line, so the case grows while it is measured: say by how much.
            lines.add(String.format(timings, events + " → " + api.eventCount(c.caseId())));
        }
        String table = String.join("\n", lines);
        System.out.println(table);
        Path out = Path.of("target", "benchmarks", "case-read-timeouts-" + System.getProperty("axon.timeout.enabled", "off")
                + "-snapshots-" + System.getProperty("kasane.snapshots.after-events", "100") + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table + "\n");
    }

    private static String row(String what, String events, Supplier<Integer> call) {
        for (int i = 0; i < WARMUP; i++) {
            expectSuccess(call.get());
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            expectSuccess(call.get());
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f |", what, events, mean,
                nanos[ROUNDS / 2] / 1e6, nanos[(int) (ROUNDS * 0.95)] / 1e6, nanos[(int) (ROUNDS * 0.99)] / 1e6);
    }

    private static void expectSuccess(int status) {
        if (status / 100 != 2) {
            throw new AssertionError("benchmark call answered " + status);
        }
    }
}
