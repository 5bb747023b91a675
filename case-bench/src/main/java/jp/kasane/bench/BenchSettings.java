package jp.kasane.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run does, from system properties ({@code -Dbench.clients=8} …), with defaults that finish in about five
 * minutes on a 2-core machine. Every setting is printed with the report, so a figure can be rerun as it was taken.
 *
 * @param clients    concurrent HTTP clients (keep-alive), and concurrent connections of the baseline
 * @param warmup     each scenario's warm-up, not measured
 * @param duration   each scenario's measured time
 * @param households households opened before the scenarios (a realistic population to work on)
 * @param jar        the packaged application ({@code mvn package} builds {@code case-api/target/case-api.jar})
 * @param appJvmArgs the JVM options of the application (its heap limit among them)
 * @param output     where the report is written, beside being printed
 * @param scenarios  the scenarios to run (all by default; a few, to profile one request kind quickly)
 * @param rebuild    whether to time the rebuild of every projection after the scenarios
 * @param compareJar a second packaged application to compare with {@code jar}, or null: four runs in the order
 *                   jar, compareJar, compareJar, jar, because the first run on a machine is slower whatever the jar
 * @param compareAppJvmArgs the JVM options of {@code compareJar}'s runs ({@code -Dbench.compare-app-jvm-args}; by
 *                   default {@code appJvmArgs}): to compare run settings, such as the GC's or a {@code -Dkasane...}
 *                   property; given alone, it compares {@code jar} with itself under these options
 * @param rounds     how many times a comparison runs that order (A B B A, then A B B A again...): more runs per jar
 *                   make a smaller change stand out of the noise
 * @param keepData   whether a run's database stays in its directory afterwards (about 2 GB each); by default only its
 *                   report, application log and lag samples stay
 * @param pgWaits    whether to sample what the application's PostgreSQL backends wait for ({@link PostgresWaits})
 * @param pgStatements whether to list the statements the application's PostgreSQL spent its time on per scenario
 *                   ({@link PostgresStatements}; the application is started twice to load the extension)
 * @param jitWarmup  how long the mix may run, unmeasured, before the first scenario, while the application's JIT
 *                   compiler has not settled: a fresh JVM spends minutes compiling its hot code, and a city's server
 *                   runs for weeks; zero measures the fresh JVM
 */
record BenchSettings(int clients, Duration warmup, Duration duration, int households, Path jar, List<String> appJvmArgs,
                     Path output, List<Scenario> scenarios, boolean rebuild, Path compareJar,
                     List<String> compareAppJvmArgs, int rounds, boolean keepData, boolean pgWaits,
                     boolean pgStatements, Duration jitWarmup) {

    static BenchSettings fromSystemProperties() {
        List<String> appJvmArgs = jvmArgs(System.getProperty("bench.app-jvm-args", "-Xmx512m -XX:+UseG1GC"));
        String compareAppJvmArgs = System.getProperty("bench.compare-app-jvm-args");
        Path jar = jar(System.getProperty("bench.jar"));
        Path compareJar = compareJar(System.getProperty("bench.compare-jar"));
        return new BenchSettings(
                Integer.getInteger("bench.clients", 8),
                Duration.parse(System.getProperty("bench.warmup", "PT10S")),
                Duration.parse(System.getProperty("bench.duration", "PT30S")),
                Integer.getInteger("bench.households", 300),
                jar,
                appJvmArgs,
                Path.of(System.getProperty("bench.output", "target/bench")),
                scenarios(System.getProperty("bench.scenarios")),
                Boolean.parseBoolean(System.getProperty("bench.rebuild", "true")),
                compareJar == null && compareAppJvmArgs != null ? jar : compareJar,
                compareAppJvmArgs == null ? appJvmArgs : jvmArgs(compareAppJvmArgs),
                rounds(Integer.getInteger("bench.rounds", 1)),
                Boolean.parseBoolean(System.getProperty("bench.keep-data", "false")),
                Boolean.parseBoolean(System.getProperty("bench.pg-waits", "false")),
                Boolean.parseBoolean(System.getProperty("bench.pg-statements", "false")),
                Duration.parse(System.getProperty("bench.jit-warmup", "PT5M")));
    }

    /** The settings of one of a comparison's B runs: the compared jar with its own JVM options. */
    BenchSettings compared() {
        return new BenchSettings(clients, warmup, duration, households, compareJar, compareAppJvmArgs, output, scenarios,
                rebuild, compareJar, compareAppJvmArgs, rounds, keepData, pgWaits, pgStatements, jitWarmup);
    }

    private static List<String> jvmArgs(String given) {
        return List.of(given.trim().split("\\s+"));
    }

    private static int rounds(int given) {
        if (given < 1) {
            throw new IllegalStateException("-Dbench.rounds must be at least 1, was " + given);
        }
        return given;
    }

    /** {@code -Dbench.scenarios=idle,consultation}: names as in the report, any case. */
    private static List<Scenario> scenarios(String given) {
        if (given == null || given.isBlank()) {
            return List.of(Scenario.values());
        }
        return java.util.Arrays.stream(given.split(","))
                .map(name -> Scenario.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                .toList();
    }

    private static Path compareJar(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        Path jar = Path.of(given);
        if (!Files.exists(jar)) {
            throw new IllegalStateException("-Dbench.compare-jar=" + given + " not found");
        }
        return jar;
    }

    private static Path jar(String given) {
        if (given != null) {
            return Path.of(given);
        }
        // exec:java runs in the directory mvn was started from: the repository root or case-bench.
        for (Path candidate : List.of(Path.of("case-api/target/case-api.jar"), Path.of("../case-api/target/case-api.jar"))) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("case-api/target/case-api.jar not found: run mvn -DskipTests install first,"
                + " or give -Dbench.jar=");
    }
}
