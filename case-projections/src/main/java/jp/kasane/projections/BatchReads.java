package jp.kasane.projections;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;

/**
 * A projection's read by an array of keys in its batch's transaction, planned once per connection instead of at every
 * call. PostgreSQL's plan cache plans such a statement again for each array as long as the plan for any array (which
 * assumes ten keys) is estimated dearer than the plan for the three keys at hand: planning was a fifth of PostgreSQL's
 * CPU per write (docs/benchmarks.md). Looked up by the keys of an index, the plan for any array is the same index scan.
 * <p>
 * So the read's round trip first sets {@code plan_cache_mode = force_generic_plan} for the rest of the batch's
 * transaction ({@code SET LOCAL}); the batch's other statements are keyed writes, already on generic plans. Requests
 * keep PostgreSQL's choice: their list queries need plans for the agency and the page asked (a generic plan of the
 * caseload page was measured three times slower). Outside a transaction {@code SET LOCAL} would do nothing, so the read
 * is sent alone.
 */
public final class BatchReads {

    static final String GENERIC_PLANS = "set local plan_cache_mode = force_generic_plan; ";

    private BatchReads() {
    }

    /** Runs {@code sql} with {@code args}, each row to {@code rows}, on generic plans for the rest of the transaction. */
    public static void query(JdbcTemplate jdbc, String sql, RowCallbackHandler rows, Object... args) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.query(sql, rows, args);
            return;
        }
        jdbc.execute(GENERIC_PLANS + sql, (PreparedStatementCallback<Void>) statement -> {
            new ArgumentPreparedStatementSetter(args).setValues(statement);
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("no rows after setting the plan cache mode");
            }
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    rows.processRow(rs);
                }
            }
            return null;
        });
    }
}
