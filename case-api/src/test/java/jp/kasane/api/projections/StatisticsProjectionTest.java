package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.RewritingConnections;
import jp.kasane.core.supportcase.events.CaseEvent;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.core.supportcase.events.ConsultationRecorded;
import jp.kasane.projections.statistics.StatisticsProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static jp.kasane.api.projections.ProjectionFixtures.agency;
import static jp.kasane.api.projections.ProjectionFixtures.consulted;
import static jp.kasane.api.projections.ProjectionFixtures.id;
import static jp.kasane.api.projections.ProjectionFixtures.inBatch;
import static jp.kasane.api.projections.ProjectionFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics' issues per case: counted from the first time each issue was seen, whatever order the consultations
 * arrive in, and a consultation naming an issue already counted leaves its row as it was (not written again). In one
 * batch, a consultation delivered twice counts once and an issue named twice counts from its earliest sight, also when
 * the driver sends the batch's inserts as one statement.
 */
@KasaneIntegrationTest
class StatisticsProjectionTest {

    @Autowired
    StatisticsProjection projection;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    DataSource dataSource;

    private final Instant monday = Instant.parse("2026-06-01T01:00:00Z").truncatedTo(ChronoUnit.SECONDS);

    @Test
    void an_issue_seen_again_later_leaves_its_row_as_it_was() {
        String caseId = id();
        String north = agency("houkatsu");
        projection.on(opened(caseId, north, monday, "ISSUE_8050"));
        String written = rowVersion(caseId, "ISSUE_8050");

        projection.on(consulted(caseId, north, monday.plusSeconds(3600), "ISSUE_8050", "POVERTY"));

        assertThat(rowVersion(caseId, "ISSUE_8050")).as("not written again").isEqualTo(written);
        assertThat(firstSeen(caseId, "ISSUE_8050")).isEqualTo(monday);
        assertThat(firstSeen(caseId, "POVERTY")).isEqualTo(monday.plusSeconds(3600));
    }

    @Test
    void an_issue_seen_earlier_moves_its_first_sight_back() {
        String caseId = id();
        String north = agency("houkatsu");
        projection.on(opened(caseId, north, monday, "POVERTY"));

        projection.on(consulted(caseId, north, monday.minusSeconds(86_400), "POVERTY"));

        assertThat(firstSeen(caseId, "POVERTY")).isEqualTo(monday.minusSeconds(86_400));
    }

    @Test
    void a_batch_counts_each_consultation_once_and_each_issue_from_its_earliest_sight() {
        inOneBatch(projection, transactionManager);
    }

    @Test
    void a_batch_counts_each_issue_once_when_the_driver_rewrites_batched_inserts() {
        try (RewritingConnections rewriting = new RewritingConnections(dataSource)) {
            inOneBatch(new StatisticsProjection(rewriting.jdbc), rewriting.transactionManager);
        }
    }

    /** A case opened and consulted three times in one batch, one consultation delivered twice. */
    private void inOneBatch(StatisticsProjection projection, PlatformTransactionManager transactionManager) {
        String caseId = id();
        String north = agency("houkatsu");
        CaseOpened opened = opened(caseId, north, monday, "POVERTY");
        ConsultationRecorded earlier = consulted(caseId, north, monday.minusSeconds(86_400), "POVERTY", "DEBT");
        ConsultationRecorded later = consulted(caseId, north, monday.plusSeconds(3600), "DEBT", "DEBT");

        inBatch(transactionManager, List.<CaseEvent>of(opened, earlier, later, earlier), event -> {
            if (event instanceof CaseOpened o) {
                projection.on(o);
            } else {
                projection.on((ConsultationRecorded) event);
            }
        });

        assertThat(firstSeen(caseId, "POVERTY")).isEqualTo(monday.minusSeconds(86_400));
        assertThat(firstSeen(caseId, "DEBT")).isEqualTo(monday.minusSeconds(86_400));
        assertThat(jdbc.queryForObject("select count(*) from stats_case_issue where case_id = ?", Integer.class, caseId))
                .isEqualTo(2);
        List<String> ids = List.of(opened.consultation().consultationId(), earlier.consultation().consultationId(),
                later.consultation().consultationId());
        assertThat(jdbc.queryForList("select occurred_at from stats_consultation where consultation_id = any(?) "
                + "order by occurred_at", Timestamp.class, (Object) ids.toArray(String[]::new))
                .stream().map(Timestamp::toInstant).toList())
                .containsExactly(monday.minusSeconds(86_400), monday, monday.plusSeconds(3600));
    }

    /** The transaction that wrote the row (PostgreSQL's xmin): changes when the row is written again. */
    private String rowVersion(String caseId, String issue) {
        return jdbc.queryForObject("select xmin::text from stats_case_issue where case_id = ? and issue = ?",
                String.class, caseId, issue);
    }

    private Instant firstSeen(String caseId, String issue) {
        return jdbc.queryForObject("select first_seen_at from stats_case_issue where case_id = ? and issue = ?",
                Timestamp.class, caseId, issue).toInstant();
    }
}
