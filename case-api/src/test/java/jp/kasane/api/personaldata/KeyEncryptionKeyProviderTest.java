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

class KeyEncryptionKeyProviderTest {

    @TempDir
    Path dataDir;

    private MockEnvironment embedded() {
        return new MockEnvironment().withProperty("kasane.data-dir", dataDir.toString());
    }

    @Test
    void configuredKekIsUsedAndNoFileIsWritten() {
        byte[] raw = AesGcm.generateKey().getEncoded();
        KeyEncryptionKeyProvider provider = new KeyEncryptionKeyProvider(embedded()
                .withProperty("kasane.crypto.kek", Base64.getEncoder().encodeToString(raw))
                .withProperty("kasane.crypto.kek-id", "city-kek-2026"));
        assertThat(provider.key().getEncoded()).isEqualTo(raw);
        assertThat(provider.kekId()).isEqualTo("city-kek-2026");
        assertThat(provider.keyFile()).isEmpty();
        assertThat(dataDir.resolve("keys")).doesNotExist();
        assertThat(provider.toString()).doesNotContain(Base64.getEncoder().encodeToString(raw));
    }

    @Test
    void embeddedDatabaseGeneratesAKeyFileOnceAndReusesIt() throws Exception {
        KeyEncryptionKeyProvider first = new KeyEncryptionKeyProvider(embedded());
        Path file = dataDir.resolve("keys/kek.b64");
        assertThat(first.keyFile()).contains(file.toAbsolutePath().normalize());
        assertThat(first.kekId()).isEqualTo("kek-1");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32)
                .isEqualTo(first.key().getEncoded());
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file); // no temporary file left behind
        }

        KeyEncryptionKeyProvider second = new KeyEncryptionKeyProvider(embedded());
        assertThat(second.key().getEncoded()).isEqualTo(first.key().getEncoded());
    }

    @Test
    void generatedKeyFileIsReadableByItsOwnerOnly() throws Exception {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        new KeyEncryptionKeyProvider(embedded());
        Path file = dataDir.resolve("keys/kek.b64");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void externalDatabaseWithoutKekRefusesToStart() {
        MockEnvironment external = embedded()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/kasane");
        assertThatThrownBy(() -> new KeyEncryptionKeyProvider(external))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("kasane.crypto.kek must be set when using an external database");
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void kekMustBeBase64Of32Bytes() {
        assertThatThrownBy(() -> new KeyEncryptionKeyProvider(embedded()
                .withProperty("kasane.crypto.kek", Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decodes to 16 bytes");
        assertThatThrownBy(() -> new KeyEncryptionKeyProvider(embedded()
                .withProperty("kasane.crypto.kek", "not base64 at all!")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not base64 at all!");
    }

    @Test
    void aCorruptKeyFileIsReportedNotReplaced() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(keys.resolve("kek.b64"), "c2hvcnQ=\n");
        assertThatThrownBy(() -> new KeyEncryptionKeyProvider(embedded()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kek.b64");
        assertThat(Files.readString(keys.resolve("kek.b64"))).isEqualTo("c2hvcnQ=\n");
    }
}
