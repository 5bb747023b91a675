package jp.kasane.api.personaldata;

import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.personaldata.AesGcm;
import jp.kasane.core.personaldata.PersonalDataErasedException;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.personaldata.SealBrokenException;
import jp.kasane.core.personaldata.Sealed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@KasaneIntegrationTest
class JdbcPersonalDataVaultIntegrationTest {

    private static final String NAME = "阪南 花子";
    private static final String ADDRESS = "大阪府阪南市尾崎町三丁目1番1号 𠮷野ハイツ101";

    @Autowired
    PersonalDataVault vault;
    @Autowired
    JdbcPersonalDataVault jdbcVault;
    @Autowired
    Keyring keyring;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;

    private static String newSubject() {
        return "person-" + UUID.randomUUID();
    }

    /** Another node sharing the database: its own cache. */
    private JdbcPersonalDataVault otherNode(Duration ttl, JdbcTemplate template) {
        return new JdbcPersonalDataVault(template, keyring, ttl, 100);
    }

    @Test
    void sealsAndOpensJapaneseText() {
        String subject = newSubject();
        Sealed name = vault.seal(subject, NAME);
        Sealed address = vault.seal(subject, ADDRESS);

        assertThat(name.subjectId()).isEqualTo(subject);
        assertThat(name.ciphertext()).doesNotContain("阪南");
        assertThat(vault.open(name)).contains(NAME);
        assertThat(vault.open(address)).contains(ADDRESS);
        // A fresh node with no cache reads the same key from the database.
        assertThat(otherNode(Duration.ZERO, jdbc).open(address)).contains(ADDRESS);
        assertThat(vault.isErased(subject)).isFalse();
    }

    @Test
    void eachSubjectHasItsOwnKey() {
        String a = newSubject();
        String b = newSubject();
        Sealed sealedForA = vault.seal(a, NAME);
        vault.seal(b, NAME);

        assertThat(dataKey(a).getEncoded()).isNotEqualTo(dataKey(b).getEncoded());
        assertThat(wrappedKey(a)).isNotEqualTo(wrappedKey(b));
        // A's ciphertext presented as B's does not open: other key, and the subject is bound as AAD.
        assertThatThrownBy(() -> vault.open(new Sealed(b, sealedForA.ciphertext())))
                .isInstanceOf(SealBrokenException.class);
        assertThat(jdbc.queryForObject("select kek_id from person_key where subject_id = ?", String.class, a))
                .isEqualTo(keyring.currentId());
    }

    @Test
    void erasureDeletesTheKeyAndKeepsTheRow() {
        String subject = newSubject();
        Sealed name = vault.seal(subject, NAME);
        Sealed address = vault.seal(subject, ADDRESS);
        String bystander = newSubject();
        Sealed bystanderName = vault.seal(bystander, "無関係 太郎");

        jdbcVault.erase(subject, "DELETION_REQUEST");

        assertThat(vault.open(name)).isEmpty();
        assertThat(vault.open(address)).isEmpty();
        assertThat(vault.isErased(subject)).isTrue();
        assertThat(otherNode(Duration.ZERO, jdbc).open(name)).isEmpty();
        assertThat(vault.open(bystanderName)).contains("無関係 太郎");
        Map<String, Object> row = jdbc.queryForMap("select * from person_key where subject_id = ?", subject);
        assertThat(row.get("wrapped_key")).isNull();
        assertThat(row.get("erased_at")).isNotNull();
        assertThat(row.get("erasure_reason_code")).isEqualTo("DELETION_REQUEST");
        assertThat(row.get("created_at")).isNotNull();
        assertThatThrownBy(() -> vault.seal(subject, "anything new")).isInstanceOf(PersonalDataErasedException.class);

        // Erasing again keeps the first erasure.
        Object firstErasedAt = row.get("erased_at");
        vault.erase(subject);
        assertThat(jdbc.queryForMap("select * from person_key where subject_id = ?", subject))
                .containsEntry("erased_at", firstErasedAt).containsEntry("erasure_reason_code", "DELETION_REQUEST");
    }

    @Test
    void erasingASubjectWithoutDataStillRecordsTheErasure() {
        String subject = newSubject();
        vault.erase(subject);
        assertThat(vault.isErased(subject)).isTrue();
        assertThatThrownBy(() -> vault.seal(subject, NAME)).isInstanceOf(PersonalDataErasedException.class);
        assertThat(vault.isErased(newSubject())).isFalse();
    }

    @Test
    void theKeyTableNeverHoldsClearTextOrRawKeys() {
        String subject = newSubject();
        vault.seal(subject, NAME);
        vault.seal(subject, ADDRESS);
        String erased = newSubject();
        vault.seal(erased, NAME);
        vault.erase(erased);

        List<String> dump = jdbc.queryForList(
                "select concat_ws('|', subject_id, encode(wrapped_key, 'hex'), encode(wrapped_key, 'escape'),"
                        + " kek_id, created_at, erased_at, erasure_reason_code)"
                        + " from person_key", String.class);
        HexFormat hex = HexFormat.of();
        for (String clear : List.of(NAME, ADDRESS, "阪南", "花子")) {
            String clearHex = hex.formatHex(clear.getBytes(StandardCharsets.UTF_8));
            assertThat(dump).noneMatch(line -> line.contains(clear) || line.contains(clearHex));
        }
        String rawKeyHex = hex.formatHex(dataKey(subject).getEncoded());
        assertThat(dump).noneMatch(line -> line.contains(rawKeyHex));
        assertThat(wrappedKey(subject)).hasSize(AesGcm.NONCE_BYTES + AesGcm.KEY_BYTES + AesGcm.TAG_BITS / 8);
    }

    @Test
    void openAllFetchesMissingKeysInOneQuery() {
        List<Sealed> values = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String subject = newSubject();
            subjects.add(subject);
            values.add(vault.seal(subject, "氏名" + i));
            values.add(vault.seal(subject, "住所" + i));
        }
        vault.erase(subjects.get(4));
        values.add(values.get(0)); // duplicates are opened once

        AtomicInteger queries = new AtomicInteger();
        JdbcTemplate counting = new JdbcTemplate(dataSource) {
            @Override
            public <T> List<T> query(PreparedStatementCreator psc, RowMapper<T> rowMapper) {
                queries.incrementAndGet();
                return super.query(psc, rowMapper);
            }

            @Override
            public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
                queries.incrementAndGet();
                return super.query(sql, rowMapper, args);
            }
        };
        JdbcPersonalDataVault node = otherNode(Duration.ofSeconds(60), counting);

        Map<Sealed, Optional<String>> opened = node.openAll(values);
        assertThat(queries).hasValue(1);
        assertThat(opened).hasSize(10);
        for (int i = 0; i < 4; i++) {
            assertThat(opened.get(values.get(2 * i))).contains("氏名" + i);
            assertThat(opened.get(values.get(2 * i + 1))).contains("住所" + i);
        }
        assertThat(opened.get(values.get(8))).isEmpty();
        assertThat(opened.get(values.get(9))).isEmpty();

        // Now cached: no query at all.
        assertThat(node.openAll(values.subList(0, 8))).hasSize(8);
        assertThat(queries).hasValue(1);
        assertThat(node.cachedKeys()).isEqualTo(4);
    }

    @Test
    void aKeyCreatedInARolledBackTransactionIsNeitherStoredNorCached() {
        String subject = newSubject();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        Sealed lost = tx.execute(status -> {
            Sealed sealed = vault.seal(subject, NAME);
            assertThat(vault.open(sealed)).contains(NAME); // visible inside its own transaction
            status.setRollbackOnly();
            return sealed;
        });
        assertThat(jdbc.queryForObject("select count(*) from person_key where subject_id = ?", Integer.class, subject))
                .isZero();
        assertThatThrownBy(() -> vault.open(lost)).isInstanceOf(SealBrokenException.class);

        Sealed kept = tx.execute(status -> vault.seal(subject, NAME));
        assertThat(vault.open(kept)).contains(NAME);
        assertThat(otherNode(Duration.ZERO, jdbc).open(kept)).contains(NAME);
    }

    @Test
    void erasureTakesEffectWhenItsTransactionCommits() {
        String subject = newSubject();
        Sealed name = vault.seal(subject, NAME);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        tx.executeWithoutResult(status -> {
            vault.erase(subject);
            assertThat(vault.open(name)).isEmpty();            // this transaction sees it erased at once
            assertThat(vault.isErased(subject)).isTrue();
            status.setRollbackOnly();                          // ... but it does not commit
        });
        assertThat(vault.open(name)).contains(NAME);
        assertThat(vault.isErased(subject)).isFalse();

        tx.executeWithoutResult(status -> vault.erase(subject));
        assertThat(vault.open(name)).isEmpty();
    }

    @Test
    void concurrentFirstUsesAgreeOnOneKey() throws Exception {
        String subject = newSubject();
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Sealed>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String clear = NAME + i;
                results.add(pool.submit(() -> {
                    JdbcPersonalDataVault node = otherNode(Duration.ofSeconds(60), jdbc);
                    start.await();
                    return new TransactionTemplate(transactionManager).execute(status -> node.seal(subject, clear));
                }));
            }
            JdbcPersonalDataVault reader = otherNode(Duration.ZERO, jdbc);
            for (int i = 0; i < threads; i++) {
                assertThat(reader.open(results.get(i).get())).contains(NAME + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from person_key where subject_id = ?", Integer.class, subject))
                .isEqualTo(1);
    }

    @Test
    void anotherNodeCanOpenAnErasedSubjectOnlyUntilItsCacheTtlRunsOut() throws Exception {
        String subject = newSubject();
        Sealed name = vault.seal(subject, NAME);
        JdbcPersonalDataVault otherNode = otherNode(Duration.ofMillis(1500), jdbc);
        assertThat(otherNode.open(name)).contains(NAME); // cached there

        vault.erase(subject); // on "this" node

        assertThat(vault.open(name)).isEmpty();
        assertThat(otherNode.open(name)).contains(NAME); // the documented bound: still within the other node's TTL
        Thread.sleep(1600);
        assertThat(otherNode.open(name)).isEmpty();
    }

    @Test
    void theGeneratedKekIsKeptInTheDataDirectoryAndReused() throws Exception {
        // application-test.yml sets kasane.data-dir to target/test-data/${random.uuid}; ${random.uuid} is drawn anew
        // at every lookup, so the provider's own resolution is the one to compare with.
        Path keyFile = keyring.directory().orElseThrow().resolve(keyring.currentId() + ".b64");
        Path dataDir = keyFile.getParent().getParent();
        assertThat(keyFile).exists();
        assertThat(dataDir.toString()).contains("test-data");
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }
        // A restart reads the same file and therefore opens what was sealed before it.
        Sealed sealed = vault.seal(newSubject(), NAME);
        Keyring afterRestart = new Keyring(
                new MockEnvironment().withProperty("kasane.data-dir", dataDir.toString()));
        assertThat(afterRestart.directory()).contains(keyFile.getParent());
        assertThat(afterRestart.currentId()).isEqualTo(keyring.currentId());
        assertThat(new JdbcPersonalDataVault(jdbc, afterRestart, Duration.ZERO, 0).open(sealed)).contains(NAME);
    }

    private byte[] wrappedKey(String subject) {
        return jdbc.queryForObject("select wrapped_key from person_key where subject_id = ?", byte[].class, subject);
    }

    private javax.crypto.SecretKey dataKey(String subject) {
        String kekId = jdbc.queryForObject("select kek_id from person_key where subject_id = ?", String.class, subject);
        return AesGcm.unwrapKey(keyring.key(kekId).orElseThrow(), kekId, subject, wrappedKey(subject));
    }
}
