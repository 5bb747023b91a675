package jp.kasane.api.personaldata;

import jp.kasane.core.personaldata.AesGcm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class KeyringTest {

    @TempDir
    Path dataDir;

    private MockEnvironment embedded() {
        return new MockEnvironment().withProperty("kasane.data-dir", dataDir.toString());
    }

    @Test
    void configuredKekIsUsedAndNoFileIsWritten() {
        byte[] raw = AesGcm.generateKey().getEncoded();
        Keyring provider = new Keyring(embedded()
                .withProperty("kasane.crypto.kek", Base64.getEncoder().encodeToString(raw))
                .withProperty("kasane.crypto.kek-id", "city-kek-2026"));
        assertThat(provider.key("city-kek-2026").orElseThrow().getEncoded()).isEqualTo(raw);
        assertThat(provider.currentId()).isEqualTo("city-kek-2026");
        assertThat(provider.directory()).isEmpty();
        assertThat(provider.rotatable()).isFalse();
        assertThat(dataDir.resolve("keys")).doesNotExist();
        assertThat(provider.toString()).doesNotContain(Base64.getEncoder().encodeToString(raw));
    }

    @Test
    void embeddedDatabaseGeneratesAKeyFileOnceAndReusesIt() throws Exception {
        Keyring first = new Keyring(embedded());
        Path file = dataDir.resolve("keys/kek-1.b64");
        assertThat(first.directory()).contains(file.getParent().toAbsolutePath().normalize());
        assertThat(first.currentId()).isEqualTo("kek-1");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32)
                .isEqualTo(first.key("kek-1").orElseThrow().getEncoded());
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file); // no temporary file left behind
        }

        Keyring second = new Keyring(embedded());
        assertThat(second.key("kek-1").orElseThrow().getEncoded())
                .isEqualTo(first.key("kek-1").orElseThrow().getEncoded());
    }

    @Test
    void generatedKeyFileIsReadableByItsOwnerOnly() throws Exception {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        new Keyring(embedded());
        Path file = dataDir.resolve("keys/kek-1.b64");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void externalDatabaseWithoutKekRefusesToStart() {
        MockEnvironment external = embedded()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/kasane");
        assertThatThrownBy(() -> new Keyring(external))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(Keyring.MISSING_KEK_MESSAGE);
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void kekMustBeBase64Of32Bytes() {
        assertThatThrownBy(() -> new Keyring(embedded()
                .withProperty("kasane.crypto.kek", Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decodes to 16 bytes");
        assertThatThrownBy(() -> new Keyring(embedded()
                .withProperty("kasane.crypto.kek", "not base64 at all!")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not base64 at all!");
    }

    @Test
    void aCorruptKeyFileIsReportedNotReplaced() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(keys.resolve("kek.b64"), "c2hvcnQ=\n");
        assertThatThrownBy(() -> new Keyring(embedded()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kek.b64");
        assertThat(Files.readString(keys.resolve("kek.b64"))).isEqualTo("c2hvcnQ=\n");
    }

    @Test
    void theKeyFileOfEarlierReleasesBecomesVersionOne() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        byte[] raw = AesGcm.generateKey().getEncoded();
        Files.writeString(keys.resolve("kek.b64"), Base64.getEncoder().encodeToString(raw) + "\n");

        Keyring keyring = new Keyring(embedded());

        assertThat(keyring.currentId()).isEqualTo("kek-1");
        assertThat(keyring.key("kek-1").orElseThrow().getEncoded()).isEqualTo(raw);
        assertThat(keys.resolve("kek.b64")).doesNotExist();
    }

    @Test
    void aNewVersionBecomesCurrentAndADestroyedOneIsGoneFromDiskAndFromEveryNode() throws Exception {
        Keyring here = new Keyring(embedded());
        Keyring otherNode = new Keyring(embedded());
        byte[] first = here.key("kek-1").orElseThrow().getEncoded();

        assertThat(here.createNext()).isEqualTo("kek-2");
        assertThat(otherNode.key("kek-2")).as("read from the shared directory on first use").isPresent();
        here.destroy("kek-1");

        assertThat(dataDir.resolve("keys/kek-1.b64")).doesNotExist();
        assertThat(here.key("kek-1")).isEmpty();
        assertThat(otherNode.key("kek-1")).as("still in the other node's memory").isPresent();
        otherNode.forgetDestroyed();
        assertThat(otherNode.key("kek-1")).isEmpty();
        assertThat(otherNode.currentId()).isEqualTo("kek-2");
        assertThat(new Keyring(embedded()).ids()).containsExactly("kek-2");
        assertThat(first).isNotEqualTo(here.key("kek-2").orElseThrow().getEncoded());
        assertThatThrownBy(() -> here.destroy("kek-2")).hasMessageContaining("current");
    }

    @Test
    void aStaticKekCannotBeRotatedAndBothSettingsAreRefused() {
        String kek = Base64.getEncoder().encodeToString(AesGcm.generateKey().getEncoded());
        Keyring fixed = new Keyring(embedded().withProperty("kasane.crypto.kek", kek));
        assertThatThrownBy(fixed::createNext).hasMessageContaining("cannot be rotated");
        assertThatThrownBy(() -> new Keyring(embedded().withProperty("kasane.crypto.kek", kek)
                .withProperty("kasane.crypto.keyring-dir", dataDir.resolve("ring").toString())))
                .hasMessageContaining("not both");
    }
}
