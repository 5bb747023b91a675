package jp.kasane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's figures as a Markdown report: each rate beside its baseline, as a ratio. */
final class Report {

    private final BenchSettings settings;
    private PostgresBaseline.Rates baseline;
    private final List<String> rows = new ArrayList<>();
    private final List<String> lags = new ArrayList<>();
    private final List<String> cpu = new ArrayList<>();
    /** Answers per second of the scenario reported last: the CPU's row divides by it. */
    private double answersPerSecond;
    /** The headline figures by name, in report order: what a comparison of two jars puts side by side. */
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private long lagTimeouts;
    private java.time.Duration jitWarmup = java.time.Duration.ZERO;
    private Rebuild.Result rebuild;
    private ProcessCpu.Use rebuildCpu;
    private Rebuild.Result firstRebuild;
    private ProcessCpu.Use firstRebuildCpu;
    private long heapPeak;
    private long databaseBytes;
    private long events;

    Report(BenchSettings settings) {
        this.settings = settings;
    }

    void baseline(PostgresBaseline.Rates rates) {
        this.baseline = rates;
        figures.put("baseline: inserts/s", rates.insertsPerSecond());
        figures.put("baseline: sequential read rows/s", rates.readRowsPerSecond());
    }

    void scenario(Scenario scenario, Map<String, Latencies.Summary> summaries, long[] lagNanos) {
        summaries.values().forEach(s -> rows.add(String.format(
                "| %s | %s | %,.0f | %.3f | %.1f / %.1f / %.1f / %.1f | %d%s |", scenario.name().toLowerCase(),
                s.kind(), s.perSecond(), s.perSecond() / baseline.insertsPerSecond(), s.p50(), s.p95(), s.p99(), s.max(),
                s.errors(), s.errorStatuses().isEmpty() ? "" : " " + s.errorStatuses())));
        summaries.values().forEach(s -> {
            String name = scenario.name().toLowerCase() + " / " + s.kind();
            figures.put(name + ": rate /s", s.perSecond());
            figures.put(name + ": ratio to inserts", s.perSecond() / baseline.insertsPerSecond());
            figures.put(name + ": p99 ms", s.p99());
        });
        answersPerSecond = summaries.values().stream().mapToLong(x -> x.count() + x.errors()).sum()
                / (settings.duration().toNanos() / 1e9);
        figures.put(scenario.name().toLowerCase() + ": errors",
                (double) summaries.values().stream().mapToLong(Latencies.Summary::errors).sum());
        if (lagNanos != null) {
            figures.put("lag " + scenario.name().toLowerCase() + ": p50 ms", Latencies.ms(lagNanos, 0.5));
            figures.put("lag " + scenario.name().toLowerCase() + ": p99 ms", Latencies.ms(lagNanos, 0.99));
            lags.add(String.format("| %s | %d | %.0f / %.0f / %.0f |", scenario.name().toLowerCase(), lagNanos.length,
                    Latencies.ms(lagNanos, 0.5), Latencies.ms(lagNanos, 0.99),
                    lagNanos.length == 0 ? Double.NaN : lagNanos[lagNanos.length - 1] / 1e6));
        }
    }

    /** Answers per second (errors too) of the scenario reported last. */
    double answersPerSecond() {
        return answersPerSecond;
    }

    /** Whose CPU the scenario's measured window used; null when not measured (no {@code /proc}). */
    void cpu(Scenario scenario, ProcessCpu.Use use) {
        String name = scenario.name().toLowerCase();
        if (use == null) {
            cpu.add("| " + name + " | not measured | | | | | | |");
            return;
        }
        double perAnswer = answersPerSecond == 0 ? Double.NaN : 1000 / answersPerSecond; // ms of one core per answer
        cpu.add(String.format("| %s | %,.0f | %.2f (%.2f ms) | %.2f / %.2f | %.2f (%.2f ms) | %.2f / %.2f | %.2f |"
                        + " %.0f %% |", name,
                answersPerSecond, use.appCores(), use.appCores() * perAnswer, use.appJitCores(), use.appGcCores(),
                use.postgresCores(),
                use.postgresCores() * perAnswer, use.postgresBackgroundCores(), use.postgresEndedCores(),
                use.benchCores(), use.machineBusy() * 100));
        if (answersPerSecond > 0) { // the idle scenario's is the background's CPU, per nothing
            figures.put("cpu " + name + ": application ms per answer", use.appCores() * perAnswer);
            figures.put("cpu " + name + ": PostgreSQL ms per answer", use.postgresCores() * perAnswer);
        }
        figures.put("cpu " + name + ": application cores", use.appCores());
        figures.put("cpu " + name + ": PostgreSQL cores", use.postgresCores());
        figures.put("cpu " + name + ": application's JIT compiler cores", use.appJitCores());
        figures.put("cpu " + name + ": PostgreSQL's own processes' cores", use.postgresBackgroundCores());
        figures.put("cpu " + name + ": PostgreSQL's ended processes' cores", use.postgresEndedCores());
        figures.put("cpu " + name + ": benchmark's own cores", use.benchCores());
        figures.put("cpu " + name + ": machine busy %", use.machineBusy() * 100);
    }

    /** How long the mix ran before the scenarios, until the application's JIT compiler settled. */
    void jitWarmup(java.time.Duration ran) {
        this.jitWarmup = ran;
        figures.put("JIT warm-up s", ran.toMillis() / 1e3);
    }

    void lagTimeouts(long n) {
        this.lagTimeouts = n;
    }

    /**
     * The first rebuild of the application's JVM, before the measured one: the replay's code paths, which requests
     * never run, are compiled during it (null use: not measured).
     */
    void firstRebuild(Rebuild.Result result, ProcessCpu.Use use) {
        this.firstRebuild = result;
        this.firstRebuildCpu = use;
        figures.put("first rebuild: events/s", result.eventsPerSecond());
        figures.put("first rebuild: ratio to sequential read", result.eventsPerSecond() / baseline.readRowsPerSecond());
        if (use != null) {
            figures.put("cpu first rebuild: application µs per event", use.appCores() * 1e6 / result.eventsPerSecond());
            figures.put("cpu first rebuild: application's JIT compiler cores", use.appJitCores());
        }
    }

    /** The rebuild's figures, and whose CPU it used from the first replay request on (null: not measured). */
    void rebuild(Rebuild.Result result, ProcessCpu.Use use) {
        this.rebuild = result;
        this.rebuildCpu = use;
        figures.put("rebuild: events/s", result.eventsPerSecond());
        figures.put("rebuild: ratio to sequential read", result.eventsPerSecond() / baseline.readRowsPerSecond());
        figures.put("rebuild: every replay accepted after s", result.startedSeconds());
        figures.put("rebuild: events/s once every replay was accepted", result.eventsPerSecondOnceStarted());
        result.caughtUpSeconds().forEach((name, s) -> figures.put("rebuild: " + name + " caught up after s", s));
        if (use != null) {
            double perEvent = 1e6 / result.eventsPerSecond(); // µs of one core per event
            figures.put("cpu rebuild: application cores", use.appCores());
            figures.put("cpu rebuild: application µs per event", use.appCores() * perEvent);
            figures.put("cpu rebuild: application's JIT compiler cores", use.appJitCores());
            figures.put("cpu rebuild: application's GC cores", use.appGcCores());
            figures.put("cpu rebuild: PostgreSQL cores", use.postgresCores());
            figures.put("cpu rebuild: PostgreSQL µs per event", use.postgresCores() * perEvent);
            figures.put("cpu rebuild: machine busy %", use.machineBusy() * 100);
        }
    }

    private String rebuildCpu() {
        if (rebuildCpu == null) {
            return "Whose CPU the rebuild used: not measured";
        }
        double perEvent = 1e6 / rebuild.eventsPerSecond();
        return String.format("Whose CPU the rebuild used: application JVM %.2f cores (%.0f µs per event; of which JIT"
                        + " compiler %.2f, GC %.2f), PostgreSQL %.2f cores (%.0f µs per event; of which the server's own"
                        + " processes %.2f), benchmark JVM %.2f cores; machine busy %.0f %%",
                rebuildCpu.appCores(), rebuildCpu.appCores() * perEvent, rebuildCpu.appJitCores(),
                rebuildCpu.appGcCores(), rebuildCpu.postgresCores(), rebuildCpu.postgresCores() * perEvent,
                rebuildCpu.postgresBackgroundCores(), rebuildCpu.benchCores(), rebuildCpu.machineBusy() * 100);
    }

    private String caughtUp() {
        StringBuilder b = new StringBuilder();
        rebuild.caughtUpSeconds().forEach((name, s) -> b.append(b.isEmpty() ? "" : ", ")
                .append(String.format("%s %.1f", name, s)));
        return b.toString();
    }

    void heapPeak(long bytes) {
        this.heapPeak = bytes;
        figures.put("heap peak MB", bytes / 1e6);
    }

    Map<String, Double> figures() {
        return figures;
    }

    void database(long bytes, long events) {
        this.databaseBytes = bytes;
        this.events = events;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Settings: %d clients, the mix unmeasured for %s first (JIT warm-up, at most %s), warm-up"
                        + " %s and %s measured per scenario, %d households, app JVM %s, %d cores, Java %s%n%n",
                settings.clients(), jitWarmup, settings.jitWarmup(), settings.warmup(), settings.duration(),
                settings.households(), String.join(" ", settings.appJvmArgs()),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        b.append(String.format("Baseline (same PostgreSQL, same run): **%,.0f inserts/s** (one event-shaped row per"
                        + " transaction, %d connections; p50 %.2f ms, p99 %.2f ms); sequential read **%,.0f rows/s** (%,d"
                        + " rows)%n%n", baseline.insertsPerSecond(), settings.clients(), baseline.insertP50(),
                baseline.insertP99(), baseline.readRowsPerSecond(), baseline.rows()));
        b.append("| scenario | request | rate /s | ratio to inserts | p50 / p95 / p99 / max ms | errors |\n");
        b.append("| --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(r -> b.append(r).append('\n'));
        b.append("\nWhose CPU each measured window used (cores on average, and CPU time per answer; the benchmark's"
                + " own JVM runs the clients and probes on the same machine):\n\n");
        b.append("| scenario | answers/s | application JVM cores (per answer) | of which JIT compiler / GC cores |"
                + " PostgreSQL cores (per answer) | of which the server's own processes / processes ended (mostly"
                + " autovacuum) | benchmark JVM cores | machine busy |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        cpu.forEach(r -> b.append(r).append('\n'));
        b.append("\nProjection lag (case opened → on top of the opener's caseload), under each writing scenario:\n\n");
        b.append("| scenario | samples | p50 / p99 / max ms |\n| --- | --- | --- |\n");
        lags.forEach(r -> b.append(r).append('\n'));
        b.append(String.format("%nLag probes not seen within 30 s: %d%n%n", lagTimeouts));
        if (rebuild == null) {
            b.append(String.format("Rebuild: not run (-Dbench.rebuild=false)%n%n"));
        } else {
            if (firstRebuild != null) {
                b.append(String.format("First rebuild of this JVM (the replay's code compiled meanwhile): %,d events in"
                                + " %.1f s = %,.0f events/s, %.2f of the sequential read%s%n%n", firstRebuild.events(),
                        firstRebuild.seconds(), firstRebuild.eventsPerSecond(),
                        firstRebuild.eventsPerSecond() / baseline.readRowsPerSecond(), firstRebuildCpu == null ? ""
                                : String.format("; application JVM %.2f cores, of which JIT compiler %.2f",
                                firstRebuildCpu.appCores(), firstRebuildCpu.appJitCores())));
            }
            b.append(String.format("Rebuild of %s: %,d events in %.1f s = **%,.0f events/s**, %.2f of the sequential"
                            + " read (every replay accepted after %.1f s)%n%n", rebuild.projections(), rebuild.events(),
                    rebuild.seconds(), rebuild.eventsPerSecond(), rebuild.eventsPerSecond() / baseline.readRowsPerSecond(),
                    rebuild.startedSeconds()));
            b.append(String.format("From the last replay accepted: %,.0f events/s. Caught up after (s): %s%n%n",
                    rebuild.eventsPerSecondOnceStarted(), caughtUp()));
            b.append(rebuildCpu()).append("\n\n");
        }
        b.append(String.format("Heap peak: %,.0f MB. Database: %,.0f MB for %,d events = %,.0f MB per million events%n",
                heapPeak / 1e6, databaseBytes / 1e6, events, events == 0 ? 0 : databaseBytes / 1e6 / events * 1e6));
        return b.toString();
    }
}
