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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key-encryption keys (KEKs) that wrap every person's data key, by version (docs/personal-data.md).
 *
 * <ul>
 *   <li><b>Keyring directory</b> ({@code kasane.crypto.keyring-dir}; by default {@code ${kasane.data-dir}/keys} with
 *       the embedded database): one file per version, {@code kek-<n>.b64} (base64 of 32 random bytes, owner-only),
 *       the highest {@code n} wrapping new data keys. Kasane creates the first version, and each rotation adds one
 *       and deletes the older ones ({@link KeyRotation}); that deletion is what makes an erased person's wrapped key
 *       useless wherever a copy of it survives (WAL, backups, free pages). Keep the directory off the database's
 *       disks and out of its backups.</li>
 *   <li><b>Static KEK</b> ({@code kasane.crypto.kek}, base64 of 32 bytes, named {@code kasane.crypto.kek-id}): one
 *       version that Kasane cannot destroy, so it cannot be rotated; erasure then does not reach copies at rest.</li>
 *   <li>Neither, external database: the application refuses to start.</li>
 * </ul>
 * A key is never logged and never part of an exception message or {@link #toString()}.
 */
@Component
public class Keyring {

    public static final String KEK_PROPERTY = "kasane.crypto.kek";
    public static final String KEK_ID_PROPERTY = "kasane.crypto.kek-id";
    public static final String KEYRING_PROPERTY = "kasane.crypto.keyring-dir";
    public static final String DEFAULT_KEK_ID = "kek-1";
    static final String MISSING_KEK_MESSAGE = "kasane.crypto.keyring-dir (or kasane.crypto.kek) must be set when "
            + "using an external database";

    private static final Logger log = LoggerFactory.getLogger(Keyring.class);
    private static final Pattern VERSION_FILE = Pattern.compile("kek-([1-9][0-9]{0,8})\\.b64");
    /** The single file of the first releases: read as version kek-1. */
    private static final String LEGACY_FILE = "kek.b64";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /** Loaded versions by id; for a directory, reloaded when a version is asked for that is not here. */
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Path directory;
    private volatile String currentId;

    public Keyring(Environment environment) {
        String configured = environment.getProperty(KEK_PROPERTY);
        String keyringDir = environment.getProperty(KEYRING_PROPERTY);
        if (StringUtils.hasText(configured) && StringUtils.hasText(keyringDir)) {
            throw new IllegalStateException("set one of " + KEK_PROPERTY + " and " + KEYRING_PROPERTY + ", not both");
        }
        if (StringUtils.hasText(configured)) {
            String id = environment.getProperty(KEK_ID_PROPERTY, DEFAULT_KEK_ID).trim();
            if (id.isEmpty() || id.length() > 64) {
                throw new IllegalStateException(KEK_ID_PROPERTY + " must be 1 to 64 characters");
            }
            keys.put(id, decode(configured, KEK_PROPERTY));
            this.currentId = id;
            this.directory = null;
            return;
        }
        if (StringUtils.hasText(keyringDir)) {
            this.directory = Path.of(keyringDir.strip()).toAbsolutePath().normalize();
        } else if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            throw new IllegalStateException(MISSING_KEK_MESSAGE);
        } else {
            this.directory = Path.of(environment.getProperty("kasane.data-dir", "data")).resolve("keys")
                    .toAbsolutePath().normalize();
        }
        try {
            createOwnerOnlyDirectories(directory);
            adoptLegacyFile();
            reload();
            if (currentId == null) {
                createVersion(1);
                log.info("Created the first key-encryption key in {} (kek-1)", directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the keyring " + directory, e);
        }
    }

    /** The version new data keys are wrapped under. */
    public String currentId() {
        return currentId;
    }

    /** The KEK of this version, reading the keyring directory again if it is not loaded; empty if it is gone. */
    Optional<SecretKey> key(String kekId) {
        SecretKey key = keys.get(kekId);
        if (key == null && directory != null) {
            reload();
            key = keys.get(kekId);
        }
        return Optional.ofNullable(key);
    }

    /** Whether versions can be added and destroyed (a keyring directory, not a static KEK). */
    public boolean rotatable() {
        return directory != null;
    }

    /** The keyring directory; empty with a static KEK. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The ids of the versions loaded now. */
    public Set<String> ids() {
        return Set.copyOf(keys.keySet());
    }

    /** Adds a version one above the highest and makes it current. */
    String createNext() {
        requireRotatable();
        reload();
        int next = number(currentId) + 1;
        try {
            createVersion(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a key-encryption key in " + directory, e);
        }
        return currentId;
    }

    /** Deletes a version's key material from the directory and from memory. It can never be used again. */
    void destroy(String kekId) {
        requireRotatable();
        if (kekId.equals(currentId)) {
            throw new IllegalArgumentException("the current key-encryption key cannot be destroyed");
        }
        Path file = directory.resolve(kekId + ".b64");
        try {
            if (Files.exists(file)) {
                // Overwritten before unlinking, so the bytes do not simply stay in the freed blocks of a plain disk.
                byte[] noise = AesGcm.generateKey().getEncoded();
                Files.write(file, (Base64.getEncoder().encodeToString(noise) + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                Files.delete(file);
            }
        } catch (NoSuchFileException gone) {
            // another node destroyed it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot destroy the key-encryption key " + kekId, e);
        }
        keys.remove(kekId);
    }

    /** Drops versions whose files are gone (another node destroyed them) from memory. */
    void forgetDestroyed() {
        if (directory != null) {
            reload();
        }
    }

    @Override
    public String toString() {
        return "Keyring[current=" + currentId + ", versions=" + keys.keySet() + ", source="
                + (directory == null ? KEK_PROPERTY : directory) + "]";
    }

    // --- the directory ---------------------------------------------------------------------------------------

    private synchronized void reload() {
        TreeMap<Integer, String> found = new TreeMap<>();
        try (var files = Files.list(directory)) {
            files.forEach(f -> {
                Matcher m = VERSION_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.put(Integer.parseInt(m.group(1)), "kek-" + m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyring " + directory, e);
        }
        keys.keySet().retainAll(found.values());
        for (String id : found.values()) {
            if (!keys.containsKey(id)) {
                Path file = directory.resolve(id + ".b64");
                try {
                    warnIfReadableByOthers(file);
                    keys.put(id, decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
                } catch (NoSuchFileException destroyedMeanwhile) {
                    // a rotation on another node removed it between the listing and the read
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the key-encryption key file " + file, e);
                }
            }
        }
        currentId = found.isEmpty() ? null : found.lastEntry().getValue();
    }

    private void adoptLegacyFile() throws IOException {
        Path legacy = directory.resolve(LEGACY_FILE);
        if (Files.exists(legacy)) {
            decode(Files.readString(legacy, StandardCharsets.US_ASCII), legacy.toString()); // refuse a corrupt one
            try {
                Files.move(legacy, directory.resolve(DEFAULT_KEK_ID + ".b64"));
                log.info("Moved the key-encryption key {} to {}.b64 in the keyring", legacy, DEFAULT_KEK_ID);
            } catch (FileAlreadyExistsException bothExist) {
                throw new IllegalStateException("the keyring " + directory + " holds both " + LEGACY_FILE + " and "
                        + DEFAULT_KEK_ID + ".b64; keep the one that wraps the database's keys");
            }
        }
    }

    private synchronized void createVersion(int number) throws IOException {
        String id = "kek-" + number;
        Path file = directory.resolve(id + ".b64");
        SecretKey generated = AesGcm.generateKey();
        byte[] raw = generated.getEncoded();
        // Written to a temporary file first and then renamed, so that a key file is complete whenever it exists.
        Path temporary = createOwnerOnlyTempFile(directory);
        try {
            Files.write(temporary, (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.SYNC);
            Files.move(temporary, file); // no REPLACE_EXISTING: a version another node created meanwhile wins
        } catch (FileAlreadyExistsException createdElsewhere) {
            // keep theirs: reload() below reads it
        } finally {
            Arrays.fill(raw, (byte) 0);
            Files.deleteIfExists(temporary);
        }
        reload();
    }

    private void requireRotatable() {
        if (directory == null) {
            throw new IllegalStateException("a static " + KEK_PROPERTY + " cannot be rotated; use " + KEYRING_PROPERTY);
        }
    }

    private static int number(String kekId) {
        Matcher m = Pattern.compile("kek-([0-9]+)").matcher(kekId == null ? "kek-0" : kekId);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
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
