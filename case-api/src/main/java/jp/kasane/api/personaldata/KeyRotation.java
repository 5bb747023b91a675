package jp.kasane.api.personaldata;

import jp.kasane.core.personaldata.AesGcm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rotation of the key-encryption key, which is what makes an erasure hold at rest (docs/personal-data.md): an
 * erased person's wrapped data key may survive in the WAL, a backup, a dead tuple or a freed page, but it was
 * wrapped under a KEK version that the rotation after the erasure destroys, so no copy of it opens again.
 *
 * <p>One rotation, online, one node at a time (a PostgreSQL advisory lock):
 * <ol>
 *   <li>a new version is added to the keyring and becomes current: new data keys are wrapped under it;</li>
 *   <li>every older version is retired in {@code kek_version}; that waits for transactions still inserting a data key
 *       under an older version (they hold the version row {@code FOR SHARE}), and after it none can;</li>
 *   <li>every live data key under an older version is re-wrapped under the new one, in batches;</li>
 *   <li>{@code person_key} is vacuumed, so the dead tuples of erased keys leave the table;</li>
 *   <li>each retired version that wraps nothing any more is destroyed: its file is overwritten and deleted, and
 *       {@code kek_version.destroyed_at} set.</li>
 * </ol>
 * A rotation that stops half-way (a crash) leaves every key readable, and the next one finishes it.
 *
 * <p>When: every {@code kasane.crypto.rotation.check-every} (default 10 minutes) each node checks whether a person
 * was erased since the current version was created, or a retired version is left, and rotates if so; and on
 * demand ({@code POST /api/v1/admin/key-rotation}).
 */
@Component
public class KeyRotation implements SmartInitializingSingleton {

    /** Result of one rotation. */
    public record Result(String kekId, int rewrapped, List<String> destroyed) {
    }

    /** A static KEK cannot be rotated. */
    public static class UnavailableException extends RuntimeException {
        UnavailableException() {
            super("the key-encryption key is static (" + Keyring.KEK_PROPERTY + "); rotation needs "
                    + Keyring.KEYRING_PROPERTY);
        }
    }

    static final int BATCH = 500;
    /** Advisory lock key: "kasane-kek" folded into a bigint. */
    private static final long LOCK = 0x6b6173616e65L;
    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final Keyring keyring;
    private final JdbcPersonalDataVault vault;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;

    public KeyRotation(Keyring keyring, JdbcPersonalDataVault vault, JdbcTemplate jdbc, DataSource dataSource,
                       TransactionTemplate transactions) {
        this.keyring = keyring;
        this.vault = vault;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** At start-up: the current version is recorded, and every version that still wraps a data key is at hand. */
    @Override
    public void afterSingletonsInstantiated() {
        vault.registeredCurrentVersion();
        List<String> missing = jdbc.queryForList("select distinct kek_id from person_key where wrapped_key is not null",
                String.class).stream().filter(id -> keyring.key(id).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the keyring does not hold the key-encryption key versions " + missing
                    + " that wrap data keys of this database (" + keyring + "): is this the database's keyring?");
        }
        if (!keyring.rotatable()) {
            log.warn("The key-encryption key is static ({}): it cannot be rotated, so an erased person's wrapped key"
                    + " in the WAL or a backup opens again with it. Use {} (docs/personal-data.md).",
                    Keyring.KEK_PROPERTY, Keyring.KEYRING_PROPERTY);
        }
    }

    /** Rotates if a person was erased since the current version was created, or a rotation was left unfinished. */
    @Scheduled(initialDelayString = "${kasane.crypto.rotation.check-every:PT10M}",
            fixedDelayString = "${kasane.crypto.rotation.check-every:PT10M}")
    public void rotateIfNeeded() {
        if (!keyring.rotatable()) {
            return;
        }
        keyring.forgetDestroyed(); // versions another node destroyed leave this node's memory too
        if (needed()) {
            rotate();
        }
    }

    /** Whether an erasure since the current version, or a retired version not destroyed yet, calls for a rotation. */
    public boolean needed() {
        Boolean needed = jdbc.queryForObject("""
                select exists (select 1 from kek_version where retired_at is not null and destroyed_at is null)
                    or exists (select 1 from person_key p
                               where p.erased_at >= (select created_at from kek_version where kek_id = ?))
                """, Boolean.class, keyring.currentId());
        return Boolean.TRUE.equals(needed);
    }

    /** One rotation (see the class comment); waits while another node rotates. */
    public Result rotate() {
        if (!keyring.rotatable()) {
            throw new UnavailableException();
        }
        try (Connection lock = dataSource.getConnection()) {
            try (Statement statement = lock.createStatement()) {
                statement.execute("select pg_advisory_lock(" + LOCK + ")");
            }
            try {
                return rotateHoldingTheLock();
            } finally {
                try (Statement statement = lock.createStatement()) {
                    statement.execute("select pg_advisory_unlock(" + LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the key rotation could not take its lock", e);
        }
    }

    private Result rotateHoldingTheLock() {
        String next = keyring.createNext();
        jdbc.update("insert into kek_version (kek_id) values (?) on conflict (kek_id) do nothing", next);
        transactions.executeWithoutResult(s -> jdbc.update(
                "update kek_version set retired_at = now() where kek_id <> ? and retired_at is null", next));

        AtomicInteger rewrapped = new AtomicInteger();
        int batch;
        do {
            batch = transactions.execute(s -> rewrapBatch(next));
            rewrapped.addAndGet(batch);
        } while (batch == BATCH);

        jdbc.execute("vacuum person_key");

        List<String> destroyed = new ArrayList<>();
        for (String old : jdbc.queryForList("select kek_id from kek_version where retired_at is not null"
                + " and destroyed_at is null and kek_id <> ? order by kek_id", String.class, next)) {
            Integer live = jdbc.queryForObject("select count(*) from person_key where kek_id = ? and wrapped_key is not null",
                    Integer.class, old);
            if (live != null && live == 0) {
                keyring.destroy(old);
                jdbc.update("update kek_version set destroyed_at = now() where kek_id = ?", old);
                destroyed.add(old);
            }
        }
        log.info("Rotated the key-encryption key to {}: {} data keys re-wrapped, destroyed {}", next,
                rewrapped.get(), destroyed);
        return new Result(next, rewrapped.get(), List.copyOf(destroyed));
    }

    /** Re-wraps up to {@link #BATCH} live data keys of older versions under {@code next}; locks them meanwhile. */
    private int rewrapBatch(String next) {
        record Row(String subjectId, byte[] wrapped, String kekId) {
        }
        List<Row> rows = jdbc.query("select subject_id, wrapped_key, kek_id from person_key"
                        + " where wrapped_key is not null and kek_id <> ? order by subject_id limit ? for update",
                (rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getString(3)), next, BATCH);
        SecretKey nextKek = keyring.key(next).orElseThrow();
        for (Row row : rows) {
            SecretKey oldKek = keyring.key(row.kekId()).orElseThrow(() -> new IllegalStateException(
                    "cannot re-wrap the data key of subject " + row.subjectId() + ": the keyring lost " + row.kekId()));
            SecretKey dataKey = AesGcm.unwrapKey(oldKek, row.kekId(), row.subjectId(), row.wrapped());
            jdbc.update("update person_key set wrapped_key = ?, kek_id = ? where subject_id = ?",
                    AesGcm.wrapKey(nextKek, next, row.subjectId(), dataKey), next, row.subjectId());
        }
        return rows.size();
    }
}
