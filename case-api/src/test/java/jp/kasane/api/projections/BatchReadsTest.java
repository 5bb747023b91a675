package jp.kasane.api.projections;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.projections.BatchReads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection's read by an array of keys ({@link BatchReads}) runs on a plan made once for any array, inside the
 * batch's transaction only: PostgreSQL's own choice planned it again at every call (docs/benchmarks.md), and requests
 * keep that choice.
 */
@KasaneIntegrationTest
class BatchReadsTest {

    private static final String READ = "select id from batch_reads_probe where id = any(?::text[])";
    private static final String[] KEYS = {"a", "c"};

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void table() {
        jdbc.execute("create table if not exists batch_reads_probe (id text primary key)");
        jdbc.update("insert into batch_reads_probe values ('a'), ('b'), ('c') on conflict do nothing");
    }

    @AfterEach
    void drop() {
        jdbc.execute("drop table batch_reads_probe");
    }

    @Test
    void in_a_batchs_transaction_the_read_is_never_planned_for_its_values() {
        Map<String, Object> plans = new TransactionTemplate(transactionManager).execute(status -> {
            for (int i = 0; i < 12; i++) {
                assertThat(read()).containsExactlyInAnyOrder("a", "c");
            }
            return plansOf("batch_reads_probe where id = any($1::text[])");
        });

        assertThat(plans).as("prepared on the connection after the driver's threshold, then planned once for any keys")
                .containsEntry("custom_plans", 0L);
        assertThat((Long) plans.get("generic_plans")).isPositive();
        String afterwards = new TransactionTemplate(transactionManager).execute(
                status -> jdbc.queryForObject("select current_setting('plan_cache_mode')", String.class));
        assertThat(afterwards).as("the next transaction on the pool plans as PostgreSQL chooses").isEqualTo("auto");
    }

    @Test
    void the_same_read_without_it_is_planned_for_its_values() {
        Map<String, Object> plans = new TransactionTemplate(transactionManager).execute(status -> {
            for (int i = 0; i < 12; i++) {
                jdbc.query(READ + " and true", rs -> {
                }, (Object) KEYS);
            }
            return plansOf("batch_reads_probe where id = any($1::text[]) and true");
        });

        assertThat((Long) plans.get("custom_plans")).as("what BatchReads avoids").isPositive();
    }

    @Test
    void outside_a_transaction_the_read_still_answers() {
        assertThat(read()).containsExactlyInAnyOrder("a", "c");
    }

    private List<String> read() {
        List<String> ids = new ArrayList<>();
        BatchReads.query(jdbc, READ, rs -> {
            ids.add(rs.getString(1));
        }, (Object) KEYS);
        return ids;
    }

    private Map<String, Object> plansOf(String statement) {
        return jdbc.queryForMap("select generic_plans, custom_plans from pg_prepared_statements"
                + " where statement like ?", "%" + statement);
    }
}
