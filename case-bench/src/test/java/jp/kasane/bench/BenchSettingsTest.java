package jp.kasane.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty("bench.jar");
        System.clearProperty("bench.app-jvm-args");
        System.clearProperty("bench.compare-app-jvm-args");
    }

    @Test
    void comparedJvmOptionsAloneCompareTheJarWithItselfUnderThem() {
        System.setProperty("bench.jar", "/tmp/a.jar");
        System.setProperty("bench.app-jvm-args", "-Xmx512m -XX:+UseG1GC");
        System.setProperty("bench.compare-app-jvm-args", " -Xmx512m  -Dkasane.cases.cache-size=50000 ");

        BenchSettings a = BenchSettings.fromSystemProperties();
        BenchSettings b = a.compared();

        assertThat(a.jar()).isEqualTo(Path.of("/tmp/a.jar"));
        assertThat(a.appJvmArgs()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
        assertThat(b.jar()).isEqualTo(Path.of("/tmp/a.jar"));
        assertThat(b.appJvmArgs()).containsExactly("-Xmx512m", "-Dkasane.cases.cache-size=50000");
    }

    @Test
    void withoutAComparisonThereIsNoComparedJar() {
        System.setProperty("bench.jar", "/tmp/a.jar");

        BenchSettings a = BenchSettings.fromSystemProperties();

        assertThat(a.compareJar()).isNull();
        assertThat(a.compareAppJvmArgs()).isEqualTo(a.appJvmArgs()).isEqualTo(List.of("-Xmx512m", "-XX:+UseG1GC"));
    }
}
