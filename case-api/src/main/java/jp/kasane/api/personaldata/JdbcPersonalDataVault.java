package jp.kasane.api.personaldata;

import jp.kasane.core.personaldata.AesGcm;
import jp.kasane.core.personaldata.PersonalDataErasedException;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.personaldata.SealBrokenException;
import jp.kasane.core.personaldata.Sealed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link PersonalDataVault} of Kasane: one AES-256 data key per subject in table {@code person_key}, wrapped by
 * a key-encryption key of the {@link Keyring} (docs/personal-data.md). A new data key is wrapped under the current
 * KEK version, and its row is inserted only while that version is not retired ({@code kek_version}, locked
 * {@code FOR SHARE} until the transaction ends), so a {@link KeyRotation} never misses a key wrapped under a version
 * it is about to destroy.
 *
 * <p>All statements go through {@link JdbcTemplate}, so they take part in the caller's Spring transaction: a key
 * created while sealing an event's data commits or rolls back with that event, and an erasure takes effect when
 * its transaction commits.
 *
 * <p>Unwrapped keys are cached ({@code kasane.crypto.key-cache-size}, default 10,000 subjects;
 * {@code kasane.crypto.key-cache-ttl}, default 60 s; a TTL of 0 turns the cache off). {@link #erase} evicts the
 * subject from this node's cache at once and again when the erasure commits; another node sharing the database
 * keeps a cached key until its TTL runs out, so <b>the TTL bounds how long other nodes can still open an erased
 * subject's data</b>. A key created inside a transaction is cached only after that transaction commits, so a
 * rolled-back key never lingers in the cache.
 */
@Component
public class JdbcPersonalDataVault implements PersonalDataVault {

    static final int MAX_ID_LENGTH = 64;

    private static final Logger log = LoggerFactory.getLogger(JdbcPersonalDataVault.class);

    private static final String SELECT_COLUMNS = "select subject_id, wrapped_key, kek_id, erased_at is not null as erased"
            + " from person_key";
    private static final RowMapper<KeyRow> KEY_ROW = (rs, n) -> new KeyRow(rs.getString("subject_id"),
            rs.getBytes("wrapped_key"), rs.getString("kek_id"), rs.getBoolean("erased"));

    private record KeyRow(String subjectId, byte[] wrappedKey, String kekId, boolean erased) {
    }

    private final JdbcTemplate jdbc;
    private final Keyring keyring;
    private final DataKeyCache cache;
    /** Key under which this vault binds its per-transaction state to the current Spring transaction. */
    private final Object transactionStateKey = new Object();

    public JdbcPersonalDataVault(JdbcTemplate jdbc, Keyring keyring,
                                 @Value("${kasane.crypto.key-cache-ttl:60s}") Duration keyCacheTtl,
                                 @Value("${kasane.crypto.key-cache-size:10000}") int keyCacheSize) {
        this.jdbc = jdbc;
        this.keyring = keyring;
        this.cache = new DataKeyCache(keyCacheSize, keyCacheTtl);
    }

    @Override
    public Sealed seal(String subjectId, String clear) {
        checkId(subjectId, "subjectId");
        Objects.requireNonNull(clear, "clear");
        TransactionState tx = transactionState();
        if (tx != null && tx.erased.contains(subjectId)) {
            throw new PersonalDataErasedException(subjectId);
        }
        SecretKey key = tx != null ? tx.created.get(subjectId) : null;
        if (key == null) {
            key = cache.get(subjectId);
        }
        if (key == null) {
            key = loadOrCreateKey(subjectId, tx);
        }
        return new Sealed(subjectId, AesGcm.encrypt(key, subjectId, clear));
    }

    @Override
    public Optional<String> open(Sealed sealed) {
        Objects.requireNonNull(sealed, "sealed");
        return openAll(List.of(sealed)).get(sealed);
    }

    /**
     * Opens many values with at most one query for all the keys not cached yet
     * ({@code WHERE subject_id = ANY(?)}). Each distinct value maps to its clear text, or to empty when its subject
     * has been erased.
     *
     * @throws SealBrokenException if a value does not authenticate, or names a subject that never had a key
     */
    @Override
    public Map<Sealed, Optional<String>> openAll(Collection<Sealed> values) {
        Objects.requireNonNull(values, "values");
        Set<String> subjects = new LinkedHashSet<>();
        for (Sealed value : values) {
            subjects.add(Objects.requireNonNull(value, "values must not contain null").subjectId());
        }
        Map<String, Optional<SecretKey>> keys = keysOf(subjects);
        Map<Sealed, Optional<String>> opened = new LinkedHashMap<>();
        for (Sealed value : values) {
            opened.computeIfAbsent(value, v -> keys.get(v.subjectId())
                    .map(key -> AesGcm.decrypt(key, v.subjectId(), v.ciphertext())));
        }
        return opened;
    }

    /** Erases the subject without a reason code. */
    @Override
    public void erase(String subjectId) {
        erase(subjectId, null);
    }

    /**
     * Deletes the subject's data key: sets {@code wrapped_key} to NULL and records {@code erased_at} and the reason
     * (e.g. {@code RETENTION_EXPIRED}, {@code DELETION_REQUEST}). The row stays as the proof of erasure. Erasing a
     * subject that never had a key records the erasure too, so nothing can be sealed for it afterwards. Erasing
     * twice keeps the first time and reason.
     */
    public void erase(String subjectId, String reasonCode) {
        checkId(subjectId, "subjectId");
        if (reasonCode != null) {
            checkId(reasonCode, "reasonCode");
        }
        jdbc.update("insert into person_key (subject_id, wrapped_key, kek_id, erased_at, erasure_reason_code)"
                        + " values (?, null, ?, now(), ?)"
                        + " on conflict (subject_id) do update set wrapped_key = null,"
                        + " erased_at = coalesce(person_key.erased_at, excluded.erased_at),"
                        + " erasure_reason_code = coalesce(person_key.erasure_reason_code, excluded.erasure_reason_code)",
                subjectId, registeredCurrentVersion(), reasonCode);
        cache.evict(subjectId);
        TransactionState tx = transactionState();
        if (tx != null) {
            tx.created.remove(subjectId);
            tx.erased.add(subjectId);
        }
        log.info("Erased the data key of subject {} (reason {})", subjectId, reasonCode == null ? "-" : reasonCode);
    }

    @Override
    public boolean isErased(String subjectId) {
        checkId(subjectId, "subjectId");
        TransactionState tx = transactionState();
        if (tx != null && tx.erased.contains(subjectId)) {
            return true;
        }
        List<Boolean> erased = jdbc.queryForList(
                "select erased_at is not null from person_key where subject_id = ?", Boolean.class, subjectId);
        return !erased.isEmpty() && erased.get(0);
    }

    /** Number of keys in this node's cache (for tests and metrics). */
    int cachedKeys() {
        return cache.size();
    }

    private SecretKey loadOrCreateKey(String subjectId, TransactionState tx) {
        long generation = cache.generation();
        long loadedAt = cache.now();
        KeyRow row = selectOne(subjectId);
        boolean createdHere = false;
        if (row == null) {
            SecretKey fresh = AesGcm.generateKey();
            // Two first uses at the same time: the second insert waits for the first and then does nothing; both
            // read back the one key that was stored. A version retired meanwhile inserts nothing: take the new one.
            for (int attempt = 0; row == null; attempt++) {
                String kekId = attempt == 0 ? keyring.currentId() : registeredCurrentVersion();
                byte[] wrapped = AesGcm.wrapKey(kekOf(kekId), kekId, subjectId, fresh);
                createdHere = jdbc.update("insert into person_key (subject_id, wrapped_key, kek_id)"
                        + " select ?, ?, kek_id from kek_version where kek_id = ? and retired_at is null for share"
                        + " on conflict (subject_id) do nothing", subjectId, wrapped, kekId) == 1;
                // Inserted: the row is what we wrote (one round trip less for every new person). Else read the winner.
                row = createdHere ? new KeyRow(subjectId, wrapped, kekId, false) : selectOne(subjectId);
                if (row == null && attempt == 2) {
                    throw new IllegalStateException("no key-encryption key version is available to wrap the data key"
                            + " of subject " + subjectId + " (the keyring's current version " + kekId + " is retired)");
                }
            }
        }
        if (row.erased()) {
            throw new PersonalDataErasedException(subjectId);
        }
        SecretKey key = unwrap(row);
        if (!createdHere) {
            cache.put(subjectId, key, generation, loadedAt); // a committed row: safe to share
        } else if (tx != null) {
            tx.created.put(subjectId, key);
            tx.createdGeneration.putIfAbsent(subjectId, generation);
            tx.createdAt.putIfAbsent(subjectId, loadedAt);
        } else {
            cache.put(subjectId, key, generation, loadedAt); // no transaction: the insert has committed
        }
        return key;
    }

    /** The key of every subject (empty when erased), from the transaction, the cache, or one query. */
    private Map<String, Optional<SecretKey>> keysOf(Set<String> subjects) {
        TransactionState tx = transactionState();
        Map<String, Optional<SecretKey>> keys = new HashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        for (String subject : subjects) {
            if (tx != null && tx.erased.contains(subject)) {
                keys.put(subject, Optional.empty());
                continue;
            }
            SecretKey key = tx != null ? tx.created.get(subject) : null;
            if (key == null) {
                key = cache.get(subject);
            }
            if (key != null) {
                keys.put(subject, Optional.of(key));
            } else {
                missing.add(subject);
            }
        }
        if (missing.isEmpty()) {
            return keys;
        }
        long generation = cache.generation();
        long loadedAt = cache.now();
        List<KeyRow> rows = jdbc.query(connection -> {
            var statement = connection.prepareStatement(SELECT_COLUMNS + " where subject_id = any(?)");
            statement.setArray(1, connection.createArrayOf("varchar", missing.toArray()));
            return statement;
        }, KEY_ROW);
        for (KeyRow row : rows) {
            if (row.erased()) {
                keys.put(row.subjectId(), Optional.empty());
            } else {
                // Rows this transaction created are in tx.created; every row read here is committed.
                SecretKey key = unwrap(row);
                cache.put(row.subjectId(), key, generation, loadedAt);
                keys.put(row.subjectId(), Optional.of(key));
            }
        }
        for (String subject : missing) {
            if (!keys.containsKey(subject)) {
                throw new SealBrokenException("no data key exists for subject " + subject
                        + " (a value was sealed under a key that was never stored)");
            }
        }
        return keys;
    }

    private KeyRow selectOne(String subjectId) {
        List<KeyRow> rows = jdbc.query(SELECT_COLUMNS + " where subject_id = ?", KEY_ROW, subjectId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private SecretKey unwrap(KeyRow row) {
        Optional<SecretKey> kek = keyring.key(row.kekId());
        if (kek.isEmpty()) {
            // A rotation may have re-wrapped the row and destroyed its version since it was read: read it again.
            KeyRow again = selectOne(row.subjectId());
            if (again != null && !again.erased() && !again.kekId().equals(row.kekId())) {
                return unwrap(again);
            }
            throw new IllegalStateException("the data key of subject " + row.subjectId() + " is wrapped by KEK '"
                    + row.kekId() + "', which the keyring does not hold (" + keyring + ")");
        }
        return AesGcm.unwrapKey(kek.get(), row.kekId(), row.subjectId(), row.wrappedKey());
    }

    private SecretKey kekOf(String kekId) {
        return keyring.key(kekId).orElseThrow(() -> new IllegalStateException(
                "the keyring does not hold its own current version " + kekId));
    }

    /**
     * The keyring's current version, recorded in {@code kek_version} if this is its first use (a fresh database,
     * or the first start after a new version was created); the keyring is read again first, so a node that missed
     * a rotation takes the newest version.
     */
    String registeredCurrentVersion() {
        keyring.forgetDestroyed();
        String kekId = keyring.currentId();
        jdbc.update("insert into kek_version (kek_id) values (?) on conflict (kek_id) do nothing", kekId);
        return kekId;
    }

    private static void checkId(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    // --- per-transaction state ---------------------------------------------------------------------------------

    /**
     * What this vault did inside the current Spring transaction: keys it created (not committed yet, so not in the
     * shared cache) and subjects it erased (so that the rest of the transaction already sees them erased).
     */
    private static final class TransactionState {
        final Map<String, SecretKey> created = new HashMap<>();
        final Map<String, Long> createdGeneration = new HashMap<>();
        final Map<String, Long> createdAt = new HashMap<>();
        final Set<String> erased = new HashSet<>();
    }

    /** The current transaction's state, bound on first use; null outside a synchronized transaction. */
    private TransactionState transactionState() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        TransactionState state = (TransactionState) TransactionSynchronizationManager.getResource(transactionStateKey);
        if (state == null) {
            TransactionState fresh = new TransactionState();
            TransactionSynchronizationManager.bindResource(transactionStateKey, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionStateKey);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(transactionStateKey, fresh);
                }

                @Override
                public void afterCommit() {
                    fresh.erased.forEach(cache::evict); // again: readers may have re-cached it before the commit
                    fresh.created.forEach((subject, key) -> cache.put(subject, key,
                            fresh.createdGeneration.get(subject), fresh.createdAt.get(subject)));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionStateKey);
                }
            });
            state = fresh;
        }
        return state;
    }
}
