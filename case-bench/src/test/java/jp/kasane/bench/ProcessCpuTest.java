package jp.kasane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void aStatLineIsReadFromTheLastParenthesisSoACommandNameWithSpacesAndParenthesesCannotShiftTheFields() {
        String line = "4242 (postgres: kasane (idle) x) S 4100 4100 4100 0 -1 4194304 1200 0 0 0 731 129 17 5 20 0"
                + " 1 0 123456 2000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        ProcessCpu.Stat stat = ProcessCpu.Stat.parse(line);

        assertThat(stat.ppid()).isEqualTo(4100);
        assertThat(stat.own()).isEqualTo(731 + 129);
        assertThat(stat.children()).isEqualTo(17 + 5);
        assertThat(ProcessCpu.Stat.name(line)).isEqualTo("postgres: kasane (idle) x");
    }

    @Test
    void postgresOwnProcessesAreToldFromClientBackendsByTheirTitle() {
        assertThat(ProcessCpu.background("postgres: walwriter")).isTrue();
        assertThat(ProcessCpu.background("postgres: autovacuum worker kasane")).isTrue();
        assertThat(ProcessCpu.background("postgres: checkpointer")).isTrue();
        assertThat(ProcessCpu.background("postgres: postgres kasane 127.0.0.1(51218) idle")).isFalse();
        assertThat(ProcessCpu.background("postgres: postgres kasane 127.0.0.1(51218) COMMIT")).isFalse();
    }

    @Test
    void theMachineIsBusyExceptWhenIdleOrWaitingForIo() {
        long[] busyAndTotal = ProcessCpu.machine("cpu  100 5 50 800 40 3 2 0 0 0");

        assertThat(busyAndTotal).containsExactly(100 + 5 + 50 + 3 + 2, 1000);
    }

    @Test
    void theCoresUsedAreTheCpuSecondsOverTheWindow() {
        ProcessCpu.Sample from = new ProcessCpu.Sample(10, 4, 1, 2, 1, 0, 1, 100, 200);
        ProcessCpu.Sample to = new ProcessCpu.Sample(25, 7, 3, 5, 2, 1, 4, 138, 240);

        ProcessCpu.Use use = ProcessCpu.between(from, to, 20);

        assertThat(use.appCores()).isEqualTo(0.75);
        assertThat(use.appJitCores()).isEqualTo(0.15);
        assertThat(use.appGcCores()).isEqualTo(0.1);
        assertThat(use.postgresCores()).isEqualTo(0.15);
        assertThat(use.postgresBackgroundCores()).isEqualTo(0.05);
        assertThat(use.postgresEndedCores()).isEqualTo(0.05);
        assertThat(use.benchCores()).isEqualTo(0.15);
        assertThat(use.machineBusy()).isEqualTo(0.95);
    }
}
