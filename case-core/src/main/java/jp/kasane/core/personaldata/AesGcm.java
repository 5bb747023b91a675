package jp.kasane.core.personaldata;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * AES-256-GCM for personal data, with the JDK's {@code javax.crypto} only.
 *
 * <p><b>Values.</b> {@link #encrypt} seals a UTF-8 string with a subject's 256-bit data key under a fresh 96-bit nonce
 * from {@link SecureRandom} and a 128-bit tag, and returns {@code base64(nonce | ciphertext+tag)}. The subject id
 * is bound as additional authenticated data (AAD), so a ciphertext moved to another subject, truncated or altered
 * fails to open ({@link SealBrokenException}) instead of yielding wrong data.
 *
 * <p><b>Keys.</b> Data keys are stored wrapped by the key-encryption key (KEK). Wrapping also uses AES-GCM, rather
 * than AES Key Wrap (RFC 3394, the JDK's "AESWrap"): both authenticate the wrapped key, but AESWrap has no
 * associated data, whereas GCM lets us bind the wrapped key to its subject id and KEK id. A wrapped key copied onto
 * another person's row therefore does not unwrap, and the KEK id that a row claims is authenticated, which a later
 * KEK rotation will rely on. One primitive for both layers also means one thing to review. Random 96-bit nonces are
 * safe for far more than the number of wraps one KEK will ever perform (NIST SP 800-38D limits random nonces to
 * 2<sup>32</sup> invocations per key). The cost is 28 bytes per wrapped key.
 *
 * <p>All methods are thread-safe. No method logs or puts key material or clear text into exception messages.
 */
public final class AesGcm {

    /** Key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    /** Nonce length in bytes (96 bits, the GCM recommendation). */
    public static final int NONCE_BYTES = 12;
    /** Authentication tag length in bits. */
    public static final int TAG_BITS = 128;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BYTES = TAG_BITS / 8;
    /** Domain separation: a sealed value's AAD can never equal a wrapped key's AAD (UTF-8, encoded once). */
    private static final byte[] VALUE_CONTEXT = "kasane/personal-data/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_WRAP_CONTEXT = "kasane/data-key-wrap/v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised afresh (key, nonce, mode) for every value. {@code Cipher.getInstance} looks
     * the transformation up among the JDK's providers at each call: it was half the time of opening a value when a
     * case is read (docs/benchmarks.md, seventeenth session). A {@code Cipher} is not thread-safe, hence per thread.
     * It keeps the last key's schedule until its next value, unread: every use initialises it first.
     */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesGcm::newCipher);

    private AesGcm() {
    }

    /** A new random 256-bit AES data key. */
    public static SecretKey generateKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, RANDOM);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is not available in this JDK", e);
        }
    }

    /** An AES-256 key from its 32 raw bytes. */
    public static SecretKey keyFromBytes(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /**
     * Seals {@code clear} for {@code subjectId}.
     *
     * @return base64 (standard alphabet, padded) of nonce, ciphertext and tag
     * @throws IllegalArgumentException if {@code clear} is not well-formed Unicode (an unpaired surrogate)
     */
    public static String encrypt(SecretKey dataKey, String subjectId, String clear) {
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(clear, "clear");
        byte[] sealed = seal(dataKey, utf8(clear), aad(VALUE_CONTEXT, subjectId));
        return Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * Opens a value sealed by {@link #encrypt} for the same subject with the same key.
     *
     * @throws SealBrokenException if the ciphertext is malformed, altered, or was sealed for another subject or key
     */
    public static String decrypt(SecretKey dataKey, String subjectId, String ciphertext) {
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(ciphertext, "ciphertext");
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new SealBrokenException("sealed value of subject " + subjectId + " is not base64");
        }
        byte[] clear = open(dataKey, sealed, aad(VALUE_CONTEXT, subjectId), "sealed value of subject " + subjectId);
        return new String(clear, StandardCharsets.UTF_8);
    }

    /** Wraps (encrypts) a subject's data key with the KEK identified by {@code kekId}: nonce | ciphertext+tag. */
    public static byte[] wrapKey(SecretKey kek, String kekId, String subjectId, SecretKey dataKey) {
        Objects.requireNonNull(kek, "kek");
        Objects.requireNonNull(dataKey, "dataKey");
        byte[] raw = dataKey.getEncoded();
        try {
            if (raw == null || raw.length != KEY_BYTES) {
                throw new IllegalArgumentException("data key must be a raw " + KEY_BYTES + "-byte AES key");
            }
            return seal(kek, raw, aad(KEY_WRAP_CONTEXT, Objects.requireNonNull(kekId, "kekId"),
                    Objects.requireNonNull(subjectId, "subjectId")));
        } finally {
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    /**
     * Unwraps a data key wrapped by {@link #wrapKey} for the same KEK id and subject.
     *
     * @throws SealBrokenException if the wrapped key is malformed, altered, belongs to another subject, or the KEK
     *                             is not the one that wrapped it
     */
    public static SecretKey unwrapKey(SecretKey kek, String kekId, String subjectId, byte[] wrapped) {
        Objects.requireNonNull(kek, "kek");
        Objects.requireNonNull(wrapped, "wrapped");
        byte[] raw = open(kek, wrapped, aad(KEY_WRAP_CONTEXT, Objects.requireNonNull(kekId, "kekId"),
                Objects.requireNonNull(subjectId, "subjectId")), "data key of subject " + subjectId);
        try {
            if (raw.length != KEY_BYTES) {
                throw new SealBrokenException("data key of subject " + subjectId + " has a wrong length");
            }
            return keyFromBytes(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static byte[] seal(SecretKey key, byte[] clear, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(clear.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            cipher.doFinal(clear, 0, clear.length, out, NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] sealed, byte[] aad, String what) {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new SealBrokenException(what + " is too short");
        }
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealBrokenException(what + " does not authenticate (altered, or sealed for another subject"
                    + " or key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** Context label and fields, each length-prefixed, so that no two different field lists give the same bytes. */
    private static byte[] aad(byte[] context, String... fields) {
        byte[][] parts = new byte[fields.length + 1][];
        parts[0] = context;
        for (int i = 0; i < fields.length; i++) {
            parts[i + 1] = utf8(fields[i]);
        }
        int size = 0;
        for (byte[] part : parts) {
            size += Integer.BYTES + part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            buffer.putInt(part.length).put(part);
        }
        return buffer.array();
    }

    /** Strict UTF-8: an unpaired surrogate would otherwise be silently replaced by '?'. */
    private static byte[] utf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text is not well-formed Unicode (unpaired surrogate)");
        }
    }
}
