package jp.kasane.api.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.core.personaldata.AesGcm;
import jp.kasane.core.personaldata.SealBrokenException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure at rest (docs/personal-data.md): after an erasure and the key rotation that follows it, nothing in the
 * live cluster brings the person back. The test plays the attacker who holds a copy of the whole data directory
 * (heap files, WAL, statistics) together with every key-encryption key still on disk: it searches every file for
 * the erased person's wrapped data key and tries every KEK on every copy it finds. Before the rotation that attack
 * works (which shows the search finds what it looks for); after it, no copy opens.
 */
@KasaneIntegrationTest
class ErasureAtRestTest {

    static final String NORTH = "demo-houkatsu-north";
    static final String ADMIN = "demo-admin";

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Keyring keyring;

    @Test
    void after_erasure_and_rotation_no_copy_of_the_wrapped_key_opens_with_any_kek_on_disk() throws Exception {
        OpenedCase c = api.open8050(NORTH);
        String son = c.personIds().get(1);
        OpenedCase other = api.open8050(NORTH);
        Map<String, Object> row = jdbc.queryForMap("select wrapped_key, kek_id from person_key where subject_id = ?", son);
        byte[] wrapped = (byte[]) row.get("wrapped_key");
        String oldKek = (String) row.get("kek_id");

        jdbc.execute("checkpoint");
        List<Path> copiesBefore = filesHolding(wrapped);
        assertThat(copiesBefore).as("the row is on disk, in the heap or the WAL").isNotEmpty();
        assertThat(opensWithAKekOnDisk(son, wrapped)).as("before erasure: the threat is real").isTrue();

        assertThat(api.post(ADMIN, "/api/v1/people/" + son + "/erasure",
                Map.of("reason", "本人から消去の請求", "reasonCode", "PERSON_REQUEST")).status()).isEqualTo(200);
        jdbc.execute("checkpoint");
        assertThat(opensWithAKekOnDisk(son, wrapped))
                .as("erased, not rotated yet: a WAL copy still opens (the window docs/personal-data.md states)").isTrue();

        Response rotated = api.post(ADMIN, "/api/v1/admin/key-rotation", Map.of());
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(200);
        assertThat(rotated.body().get("destroyed").toString()).contains(oldKek);
        assertThat(rotated.body().get("rewrapped").asInt()).isPositive();
        jdbc.execute("checkpoint");

        assertThat(filesHolding(wrapped)).as("copies may well remain, in the WAL at least").isNotEmpty();
        assertThat(opensWithAKekOnDisk(son, wrapped)).as("no copy opens with any KEK on disk").isFalse();
        assertThat(kekFilesOnDisk()).extracting(p -> p.getFileName().toString()).doesNotContain(oldKek + ".b64");

        // The others' data keys were re-wrapped: their cases read as before, on this node and after a restart.
        JsonNode view = api.get(NORTH, "/api/v1/cases/" + other.caseId()).body();
        assertThat(view.get("household").get("members").get(1).get("name").asText()).isEqualTo("阪南 一郎");
        JsonNode erasedView = api.get(NORTH, "/api/v1/cases/" + c.caseId()).body();
        assertThat(erasedView.get("household").get("members").get(1).get("erased").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from person_key where wrapped_key is not null and kek_id <> ?",
                Integer.class, keyring.currentId())).isZero();
    }

    @Test
    void analyze_keeps_no_sample_of_wrapped_keys() {
        api.open8050(NORTH);
        jdbc.execute("analyze person_key");
        assertThat(jdbc.queryForObject("select count(*) from pg_stats where tablename = 'person_key'"
                + " and attname = 'wrapped_key'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from pg_stats where tablename = 'person_key'"
                + " and attname = 'subject_id'", Integer.class)).as("other columns keep their statistics").isOne();
    }

    @Test
    void a_rotation_with_nothing_erased_keeps_every_key_readable_and_is_not_needed_again() {
        OpenedCase c = api.open8050(NORTH);
        Response rotated = api.post(ADMIN, "/api/v1/admin/key-rotation", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("kekId")).isEqualTo(keyring.currentId());

        JsonNode view = api.get(NORTH, "/api/v1/cases/" + c.caseId()).body();
        assertThat(view.get("household").get("members").get(0).get("name").asText()).isEqualTo("阪南 花子");
        assertThat(keyring.ids()).containsExactly(keyring.currentId());
        assertThat(api.post("demo-houkatsu-north", "/api/v1/admin/key-rotation", Map.of()).status()).isEqualTo(403);
    }

    /** Every KEK file anywhere under the data directories, tried under every version id it could claim. */
    private boolean opensWithAKekOnDisk(String subject, byte[] wrapped) throws IOException {
        List<Path> kekFiles = kekFilesOnDisk();
        List<String> ids = new ArrayList<>(kekFiles.stream()
                .map(p -> p.getFileName().toString().replace(".b64", "")).toList());
        ids.addAll(jdbc.queryForList("select kek_id from kek_version", String.class));
        for (Path file : kekFiles) {
            SecretKey kek = AesGcm.keyFromBytes(Base64.getDecoder().decode(
                    Files.readString(file, StandardCharsets.US_ASCII).trim()));
            for (String id : ids) {
                try {
                    AesGcm.unwrapKey(kek, id, subject, wrapped);
                    return true;
                } catch (SealBrokenException | IllegalArgumentException doesNotOpen) {
                    // the next one
                }
            }
        }
        return false;
    }

    private List<Path> kekFilesOnDisk() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path root : roots()) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".b64"))
                        .forEach(found::add);
            }
        }
        return found;
    }

    /** Every file of the cluster (heap, indexes, WAL, statistics) and of the keyring holding these bytes. */
    private List<Path> filesHolding(byte[] needle) throws IOException {
        List<Path> holding = new ArrayList<>();
        for (Path root : roots()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    byte[] content;
                    try {
                        content = Files.readAllBytes(file);
                    } catch (IOException vanished) {
                        continue; // a temporary file PostgreSQL removed meanwhile
                    }
                    if (indexOf(content, needle) >= 0) {
                        holding.add(file);
                    }
                }
            }
        }
        return holding;
    }

    private List<Path> roots() {
        Path cluster = Path.of(jdbc.queryForObject("show data_directory", String.class));
        return List.of(cluster, keyring.directory().orElseThrow());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
