package jp.kasane.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's report names what each refusal was, not only its status. */
class LatenciesTest {

    @Test
    void refusalsAreCountedByStatusAndProblemCode() {
        Latencies latencies = new Latencies();
        latencies.recording(true);
        latencies.record("meeting", new Http.Answer(201, "{\"meetingId\":\"m-1\"}", 5_000_000));
        latencies.record("meeting", new Http.Answer(409,
                "{\"type\":\"about:blank\",\"status\":409,\"code\":\"INVALID_TRANSITION\"}", 6_000_000));
        latencies.record("meeting", new Http.Answer(409,
                "{\"type\":\"about:blank\",\"status\":409,\"code\":\"INVALID_TRANSITION\"}", 6_000_000));
        latencies.record("meeting", new Http.Answer(502, "<html>bad gateway</html>", 1_000_000));
        latencies.record("meeting", new Http.Answer(-1, "retry answered 201 unlike the first", 1_000_000));

        Latencies.Summary meeting = latencies.summaries(1.0).get("meeting");

        assertThat(meeting.count()).isEqualTo(1);
        assertThat(meeting.errors()).isEqualTo(4);
        assertThat(meeting.errorStatuses()).isEqualTo(Map.of("409 INVALID_TRANSITION", 2L, "502", 1L, "-1", 1L));
    }
}
