package jp.kasane.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The concurrent benchmark (docs/benchmarks.md): starts the packaged application on its embedded PostgreSQL in a
 * fresh directory, measures what that PostgreSQL does alone, opens a population of households, runs each scenario
 * with N clients, rebuilds the projections, and prints every figure beside its baseline.
 *
 * <pre>
 * mvn -B -ntp -DskipTests install
 * mvn -B -ntp -q -pl case-bench exec:java [-Dbench.clients=8 -Dbench.duration=PT30S …]
 * </pre>
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = settings.output().resolve(stamp);
        if (settings.compareJar() == null) {
            System.out.println(runOnce(settings, runDir).render());
            return;
        }
        // A B B A: the first run on a machine is slower whatever the jar, so each jar runs once early, once late.
        BenchSettings compared = settings.compared();
        Comparison comparison = new Comparison(describe(settings), describe(compared));
        char[] order = "ABBA".repeat(settings.rounds()).toCharArray();
        for (int i = 0; i < order.length; i++) {
            BenchSettings run = order[i] == 'A' ? settings : compared;
            Path dir = runDir.resolve("run-" + (i + 1) + "-" + order[i]);
            log("run " + (i + 1) + " of " + order.length + ": " + order[i] + " = " + describe(run));
            comparison.add(order[i], runOnce(run, dir).figures());
        }
        String text = comparison.render();
        System.out.println(text);
        Files.writeString(runDir.resolve("comparison.md"), text);
        log("comparison written to " + runDir.resolve("comparison.md").toAbsolutePath());
    }

    private static String describe(BenchSettings run) {
        return run.jar() + " (JVM " + String.join(" ", run.appJvmArgs()) + ")";
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Each lag sample of a scenario, the warm-up's too (measured: false), to find what the slowest waited for at the
     * same moment of a profile.
     */
    private static void writeLags(Path file, java.util.List<Probes.Lag> lags, long from, long until)
            throws java.io.IOException {
        StringBuilder b = new StringBuilder("acknowledged_at,lag_ms,measured\n");
        lags.forEach(l -> b.append(l.acknowledgedAt()).append(',')
                .append(String.format(java.util.Locale.ROOT, "%.1f", l.nanos() / 1e6)).append(',')
                .append(l.acknowledgedNanos() >= from && l.acknowledgedNanos() < until).append('\n'));
        Files.writeString(file, b);
    }

    /**
     * One whole run of one jar in a fresh directory: baseline, population, scenarios, rebuild, heap, database; its
     * report is written there as {@code report.md}.
     */
    private static Report runOnce(BenchSettings settings, Path runDir) throws Exception {
        Path jar = settings.jar();
        Files.createDirectories(runDir);
        Report report = new Report(settings);
        log("run directory " + runDir.toAbsolutePath());
        if (settings.pgStatements()) {
            try (AppUnderTest first = AppUnderTest.start(settings, jar, runDir)) {
                first.loadStatementStatistics();
            }
            log("pg_stat_statements loaded from the next start on");
        }
        try (AppUnderTest app = AppUnderTest.start(settings, jar, runDir)) {
            Http http = new Http(app.port());
            log("application ready on port " + app.port() + "; measuring the PostgreSQL baseline");
            PostgresBaseline.Rates baseline = new PostgresBaseline(app).measure(settings.clients(), settings.warmup(),
                    settings.duration());
            report.baseline(baseline);
            log(String.format("baseline: %.0f inserts/s, %.0f rows/s read", baseline.insertsPerSecond(),
                    baseline.readRowsPerSecond()));

            Population population = populate(http, settings);
            log(population.households.size() + " households, " + population.consented.size() + " with consent");

            Clients clients = new Clients(http, population);
            ProcessCpu cpu = ProcessCpu.available() ? new ProcessCpu(app.pid(), app.postmasterPid()) : null;
            report.jitWarmup(warmUp(clients, cpu, settings));
            try (Probes probes = new Probes(http);
                 PostgresStatements statements = settings.pgStatements()
                         ? new PostgresStatements(app.database()) : null;
                 PostgresWaits waits = settings.pgWaits() ? new PostgresWaits(app.database(), () -> {
                     long now = System.nanoTime();
                     return now >= clients.measuredFrom() && now < clients.measuredUntil();
                 }) : null) {
                for (Scenario scenario : settings.scenarios()) {
                    log("scenario " + scenario);
                    Latencies latencies = new Latencies();
                    probes.resetLags();
                    probes.measureLag(scenario.writes());
                    CpuWindow window = new CpuWindow(cpu);
                    clients.run(scenario, settings.clients(), settings.warmup(), settings.duration(), latencies,
                            statements == null ? window : both(window, statements));
                    probes.measureLag(false);
                    report.scenario(scenario, latencies.summaries(settings.duration().toNanos() / 1e9),
                            scenario.writes() ? probes.lagsNanos(clients.measuredFrom(), clients.measuredUntil()) : null);
                    report.cpu(scenario, window.use());
                    if (statements != null) {
                        statements.scenarioEnded(scenario, report.answersPerSecond(),
                                settings.duration().toNanos() / 1e9);
                    }
                    if (waits != null) {
                        waits.scenarioEnded(scenario);
                    }
                    if (scenario.writes()) {
                        writeLags(runDir.resolve("lag-" + scenario.name().toLowerCase() + ".csv"), probes.all(),
                                clients.measuredFrom(), clients.measuredUntil());
                    }
                }
                if (waits != null) {
                    Files.writeString(runDir.resolve("pg-waits.md"), waits.render());
                }
                report.lagTimeouts(probes.lagTimeouts());
                if (settings.rebuild()) {
                    // A JVM's first rebuild compiles the replay's code as it goes (a quarter of the application's
                    // CPU in a rebuild of the default size); a city's rebuild of millions of events runs compiled
                    // after its first seconds. So the first is reported apart and the second measured.
                    log("rebuilding the projections: first");
                    CpuWindow first = new CpuWindow(cpu);
                    first.opened();
                    Rebuild.Result firstRebuilt = new Rebuild(http, app).run();
                    first.closed();
                    report.firstRebuild(firstRebuilt, first.use());
                    log("rebuilding the projections: measured");
                    CpuWindow window = new CpuWindow(cpu);
                    Clients.Window measured = statements == null ? window : both(window, statements);
                    measured.opened();
                    Rebuild.Result rebuilt = new Rebuild(http, app).run();
                    measured.closed();
                    report.rebuild(rebuilt, window.use());
                    if (statements != null) {
                        statements.rebuildEnded(rebuilt.events());
                    }
                }
                if (statements != null) {
                    Files.writeString(runDir.resolve("pg-statements.md"), statements.render());
                }
                report.heapPeak(probes.heapPeakBytes());
            }
            try (Connection c = app.database(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select pg_database_size('kasane'), (select count(*) from domainevententry)")) {
                rs.next();
                report.database(rs.getLong(1), rs.getLong(2));
            }
        }
        if (!settings.keepData()) {
            deleteTree(runDir.resolve("data")); // about 2 GB a run: a few runs would fill the disk
        }
        Files.writeString(runDir.resolve("report.md"), report.render());
        log("report written to " + runDir.resolve("report.md").toAbsolutePath());
        return report;
    }

    /** A slice of the JIT warm-up: after each, the JIT compiler's CPU over it says whether to go on. */
    private static final Duration WARMUP_SLICE = Duration.ofSeconds(10);
    /** Warmed up at the earliest after this, */
    private static final Duration WARMUP_AT_LEAST = Duration.ofSeconds(60);
    /** once the JIT compiler used less than this over a slice (in the default runs it fell from ~0.35 to 0.00-0.05). */
    private static final double JIT_SETTLED_CORES = 0.05;

    /**
     * Runs the mix, unmeasured, until the application's JIT compiler has settled (at least a minute, at most
     * {@code -Dbench.jit-warmup}): a fresh JVM compiles its hot code in its first minutes, and how long that takes varies
     * from run to run (90 s was enough in one run and not in the next). Without {@code /proc} it runs two minutes, or
     * less if the setting is less.
     *
     * @return how long it ran
     */
    private static Duration warmUp(Clients clients, ProcessCpu cpu, BenchSettings settings) throws InterruptedException {
        Duration most = settings.jitWarmup();
        if (most.isZero()) {
            return Duration.ZERO;
        }
        if (cpu == null) {
            most = most.compareTo(Duration.ofMinutes(2)) < 0 ? most : Duration.ofMinutes(2);
        }
        log("warming the application up: the mix, not measured, until its JIT compiler settles (at most " + most + ")");
        Duration ran = Duration.ZERO;
        while (ran.compareTo(most) < 0) {
            Duration slice = most.minus(ran).compareTo(WARMUP_SLICE) < 0 ? most.minus(ran) : WARMUP_SLICE;
            CpuWindow window = new CpuWindow(cpu);
            clients.run(Scenario.MIX, settings.clients(), Duration.ZERO, slice, new Latencies(), window);
            ran = ran.plus(slice);
            if (window.use() != null && ran.compareTo(WARMUP_AT_LEAST) >= 0
                    && window.use().appJitCores() < JIT_SETTLED_CORES) {
                log(String.format("warmed up after %s: the JIT compiler used %.2f cores over the last %s", ran,
                        window.use().appJitCores(), slice));
                return ran;
            }
        }
        log("warm-up ended after " + ran + " without the JIT compiler settling");
        return ran;
    }

    private static Clients.Window both(Clients.Window first, Clients.Window second) {
        return new Clients.Window() {
            @Override
            public void opened() {
                first.opened();
                second.opened();
            }

            @Override
            public void closed() {
                second.closed();
                first.closed();
            }
        };
    }

    /** The CPU samples at a scenario's measured window's ends, when this machine has {@code /proc}. */
    private static final class CpuWindow implements Clients.Window {
        private final ProcessCpu cpu;
        private ProcessCpu.Sample from;
        private long fromNanos;
        private ProcessCpu.Use use;

        CpuWindow(ProcessCpu cpu) {
            this.cpu = cpu;
        }

        @Override
        public void opened() {
            if (cpu != null) {
                fromNanos = System.nanoTime();
                from = sample();
            }
        }

        @Override
        public void closed() {
            if (from != null) {
                ProcessCpu.Sample to = sample();
                use = to == null ? null : ProcessCpu.between(from, to, (System.nanoTime() - fromNanos) / 1e9);
            }
        }

        private ProcessCpu.Sample sample() {
            try {
                return cpu.sample();
            } catch (java.io.IOException e) {
                log("CPU not sampled: " + e.getMessage());
                return null;
            }
        }

        ProcessCpu.Use use() {
            return use;
        }
    }

    /** Opens the households with N clients, and the consent of most of them to jiritsu. */
    private static Population populate(Http http, BenchSettings settings) throws Exception {
        Population population = new Population();
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        try {
            List<Future<Population.Household>> opened = new ArrayList<>();
            for (int i = 0; i < settings.households(); i++) {
                String opener = Population.OPENERS.get(i % Population.OPENERS.size());
                boolean consent = i % 5 != 4; // four in five consent
                opened.add(pool.submit(() -> {
                    Http.Answer a = Population.open(http, opener);
                    if (a.status() != 201) {
                        throw new IllegalStateException("opening a case answered " + a.status() + ": " + a.body());
                    }
                    String caseId = a.text("caseId");
                    Population.Household h = new Population.Household(caseId, opener,
                            Population.selfOf(http, opener, caseId));
                    if (consent) {
                        Http.Answer c = Population.consent(http, h);
                        if (c.status() != 201) {
                            throw new IllegalStateException("consent answered " + c.status() + ": " + c.body());
                        }
                        h.consented = true;
                    }
                    return h;
                }));
            }
            for (Future<Population.Household> f : opened) {
                population.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return population;
    }

    static void log(String line) {
        System.out.println("[bench " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME) + "] " + line);
    }
}
