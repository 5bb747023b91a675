package jp.kasane.api.personaldata;

import jp.kasane.core.personaldata.AesGcm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The key-encryption key (KEK) that wraps every person's data key.
 *
 * <ul>
 *   <li>{@code kasane.crypto.kek}: base64 of 32 random bytes (e.g. {@code openssl rand -base64 32}), normally from a
 *       secret store or environment variable ({@code KASANE_CRYPTO_KEK}); {@code kasane.crypto.kek-id} (default
 *       {@code kek-1}) names it and is stored with every wrapped key, so that a later rotation knows which KEK
 *       wrapped which row.</li>
 *   <li>Not set, embedded database (no {@code spring.datasource.url}): a KEK is generated on first start and kept
 *       in {@code ${kasane.data-dir}/keys/kek.b64} (owner-only permissions where the file system is POSIX), and read
 *       again on later starts. That is for the demo and for development: the KEK then sits next to the data it
 *       protects.</li>
 *   <li>Not set, external database: the application refuses to start.</li>
 * </ul>
 * The key is never logged and never part of an exception message or {@link #toString()}.
 */
@Component
public class KeyEncryptionKeyProvider {

    public static final String KEK_PROPERTY = "kasane.crypto.kek";
    public static final String KEK_ID_PROPERTY = "kasane.crypto.kek-id";
    public static final String DEFAULT_KEK_ID = "kek-1";
    static final String MISSING_KEK_MESSAGE = "kasane.crypto.kek must be set when using an external database";

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeyProvider.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final String kekId;
    private final SecretKey kek;
    private final Path keyFile;

    public KeyEncryptionKeyProvider(Environment environment) {
        this.kekId = environment.getProperty(KEK_ID_PROPERTY, DEFAULT_KEK_ID).trim();
        if (kekId.isEmpty() || kekId.length() > 64) {
            throw new IllegalStateException(KEK_ID_PROPERTY + " must be 1 to 64 characters");
        }
        String configured = environment.getProperty(KEK_PROPERTY);
        if (StringUtils.hasText(configured)) {
            this.kek = decode(configured, KEK_PROPERTY);
            this.keyFile = null;
        } else if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            throw new IllegalStateException(MISSING_KEK_MESSAGE);
        } else {
            Path dataDir = Path.of(environment.getProperty("kasane.data-dir", "data"));
            this.keyFile = dataDir.resolve("keys").resolve("kek.b64").toAbsolutePath().normalize();
            this.kek = loadOrGenerate(keyFile);
        }
    }

    /** The id stored with every key this KEK wraps ({@code person_key.kek_id}). */
    public String kekId() {
        return kekId;
    }

    /** The generated key file when the KEK was generated or reused from {@code kasane.data-dir}; empty when configured. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    /** The KEK itself: package-private, only the vault needs it. */
    SecretKey key() {
        return kek;
    }

    @Override
    public String toString() {
        return "KeyEncryptionKeyProvider[kekId=" + kekId + ", source=" + (keyFile == null ? KEK_PROPERTY : keyFile)
                + "]";
    }

    private static SecretKey decode(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must be base64 of 32 random bytes (it is not valid base64)");
        }
        try {
            if (raw.length != AesGcm.KEY_BYTES) {
                throw new IllegalStateException(source + " must be base64 of 32 random bytes (it decodes to "
                        + raw.length + " bytes)");
            }
            return AesGcm.keyFromBytes(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static SecretKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                warnIfReadableByOthers(file);
                return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            }
            createOwnerOnlyDirectories(file.getParent());
            SecretKey generated = AesGcm.generateKey();
            byte[] raw = generated.getEncoded();
            // Written to a temporary file first and then renamed, so that the key file is complete whenever it exists.
            Path temporary = createOwnerOnlyTempFile(file.getParent());
            try {
                Files.write(temporary,
                        (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII));
                Files.move(temporary, file); // no REPLACE_EXISTING: a key file that appeared meanwhile wins
            } finally {
                Arrays.fill(raw, (byte) 0);
                Files.deleteIfExists(temporary);
            }
            log.info("Generated a key-encryption key for the embedded database in {} (set {} to use your own)",
                    file, KEK_PROPERTY);
            return generated;
        } catch (FileAlreadyExistsException e) {
            // Another process created it between our check and our write: use theirs.
            return loadOrGenerate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key-encryption key file " + file, e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** An empty temporary file in {@code dir}, readable and writable by its owner only from the first byte on. */
    private static Path createOwnerOnlyTempFile(Path dir) throws IOException {
        if (!posix(dir)) {
            Path created = Files.createTempFile(dir, "kek", ".tmp");
            created.toFile().setReadable(false, false);
            created.toFile().setReadable(true, true);
            created.toFile().setWritable(false, false);
            created.toFile().setWritable(true, true);
            return created;
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
        Path created = Files.createTempFile(dir, "kek", ".tmp", ownerOnly);
        Files.setPosixFilePermissions(created, OWNER_ONLY_FILE); // exactly 600, whatever the umask
        return created;
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> !OWNER_ONLY_FILE.contains(p))) {
                log.warn("The key-encryption key file {} is accessible to other users ({}); chmod 600 it", file,
                        PosixFilePermissions.toString(permissions));
            }
        }
    }
}
