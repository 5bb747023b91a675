package jp.kasane.core.personaldata;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmTest {

    private static final String NAME = "山田 花子（やまだ はなこ）";

    @Test
    void roundTripsJapaneseText() {
        SecretKey key = AesGcm.generateKey();
        String sealed = AesGcm.encrypt(key, "person-1", NAME);
        assertThat(sealed).doesNotContain("山田");
        assertThat(AesGcm.decrypt(key, "person-1", sealed)).isEqualTo(NAME);
    }

    @Test
    void outputIsBase64OfNonceCiphertextAndTag() {
        SecretKey key = AesGcm.generateKey();
        byte[] raw = Base64.getDecoder().decode(AesGcm.encrypt(key, "p", NAME));
        int clearBytes = NAME.getBytes(StandardCharsets.UTF_8).length;
        assertThat(raw).hasSize(AesGcm.NONCE_BYTES + clearBytes + AesGcm.TAG_BITS / 8);
        assertThat(AesGcm.encrypt(key, "p", "")).isNotEmpty();
        assertThat(AesGcm.decrypt(key, "p", AesGcm.encrypt(key, "p", ""))).isEmpty();
    }

    @Test
    void everySealUsesAFreshNonce() {
        SecretKey key = AesGcm.generateKey();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] raw = Base64.getDecoder().decode(AesGcm.encrypt(key, "p", NAME));
            nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, AesGcm.NONCE_BYTES)));
        }
        assertThat(nonces).hasSize(1000);
    }

    @Test
    void aValueThatDoesNotOpenLeavesTheThreadsNextValuesWhole() {
        // One cipher serves every value of a thread: a refused value, a wrapped key and a seal in between must not
        // leave state behind that the next value would open with.
        SecretKey key = AesGcm.generateKey();
        SecretKey other = AesGcm.generateKey();
        SecretKey kek = AesGcm.generateKey();
        String sealed = AesGcm.encrypt(key, "person-1", NAME);
        assertThatThrownBy(() -> AesGcm.decrypt(other, "person-1", sealed)).isInstanceOf(SealBrokenException.class);
        assertThat(AesGcm.decrypt(key, "person-1", sealed)).isEqualTo(NAME);
        byte[] wrapped = AesGcm.wrapKey(kek, "kek-1", "person-1", key);
        String second = AesGcm.encrypt(other, "person-2", "ｶﾀｶﾅ 𠮷野");
        assertThat(AesGcm.unwrapKey(kek, "kek-1", "person-1", wrapped).getEncoded()).isEqualTo(key.getEncoded());
        assertThat(AesGcm.decrypt(other, "person-2", second)).isEqualTo("ｶﾀｶﾅ 𠮷野");
        assertThat(AesGcm.decrypt(key, "person-1", sealed)).isEqualTo(NAME);
    }

    @Test
    void threadsSealAndOpenAtOnce() throws Exception {
        SecretKey key = AesGcm.generateKey();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Boolean>>();
            for (int t = 0; t < 8; t++) {
                String subject = "person-" + t;
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        String clear = NAME + i;
                        if (!AesGcm.decrypt(key, subject, AesGcm.encrypt(key, subject, clear)).equals(clear)) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (var done : pool.invokeAll(tasks)) {
                assertThat(done.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void generatedKeysAre256BitAndDistinct() {
        assertThat(AesGcm.generateKey().getEncoded()).hasSize(32);
        assertThat(AesGcm.generateKey().getEncoded()).isNotEqualTo(AesGcm.generateKey().getEncoded());
        assertThatThrownBy(() -> AesGcm.keyFromBytes(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ciphertextBoundToItsSubject() {
        SecretKey key = AesGcm.generateKey();
        String sealed = AesGcm.encrypt(key, "person-1", NAME);
        assertThatThrownBy(() -> AesGcm.decrypt(key, "person-2", sealed))
                .isInstanceOf(SealBrokenException.class)
                .hasMessageNotContaining(NAME);
    }

    @Test
    void tamperedTruncatedOrGarbledCiphertextFails() {
        SecretKey key = AesGcm.generateKey();
        byte[] raw = Base64.getDecoder().decode(AesGcm.encrypt(key, "p", NAME));
        raw[raw.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> AesGcm.decrypt(key, "p", tampered)).isInstanceOf(SealBrokenException.class);
        assertThatThrownBy(() -> AesGcm.decrypt(key, "p", "AAAA")).isInstanceOf(SealBrokenException.class);
        assertThatThrownBy(() -> AesGcm.decrypt(key, "p", "not base64!")).isInstanceOf(SealBrokenException.class);
        assertThatThrownBy(() -> AesGcm.decrypt(AesGcm.generateKey(), "p", AesGcm.encrypt(key, "p", NAME)))
                .isInstanceOf(SealBrokenException.class);
    }

    @Test
    void refusesMalformedUnicodeInsteadOfCorruptingIt() {
        SecretKey key = AesGcm.generateKey();
        assertThatThrownBy(() -> AesGcm.encrypt(key, "p", "broken \uD842"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrappedKeyUnwrapsOnlyForItsSubjectAndKek() {
        SecretKey kek = AesGcm.generateKey();
        SecretKey dataKey = AesGcm.generateKey();
        byte[] wrapped = AesGcm.wrapKey(kek, "kek-1", "person-1", dataKey);
        assertThat(wrapped).hasSize(AesGcm.NONCE_BYTES + 32 + 16);
        assertThat(AesGcm.unwrapKey(kek, "kek-1", "person-1", wrapped).getEncoded()).isEqualTo(dataKey.getEncoded());

        assertThatThrownBy(() -> AesGcm.unwrapKey(kek, "kek-1", "person-2", wrapped))
                .isInstanceOf(SealBrokenException.class);
        assertThatThrownBy(() -> AesGcm.unwrapKey(kek, "kek-2", "person-1", wrapped))
                .isInstanceOf(SealBrokenException.class);
        assertThatThrownBy(() -> AesGcm.unwrapKey(AesGcm.generateKey(), "kek-1", "person-1", wrapped))
                .isInstanceOf(SealBrokenException.class);
        byte[] tampered = wrapped.clone();
        tampered[AesGcm.NONCE_BYTES] ^= 0x40;
        assertThatThrownBy(() -> AesGcm.unwrapKey(kek, "kek-1", "person-1", tampered))
                .isInstanceOf(SealBrokenException.class);
    }

    @Test
    void aValueCiphertextIsNotAWrappedKeyAndViceVersa() {
        // Domain separation of the AAD: the same key and subject, but a value is not accepted as a wrapped key.
        SecretKey key = AesGcm.generateKey();
        String value = AesGcm.encrypt(key, "p", "0123456789abcdef0123456789abcdef");
        assertThatThrownBy(() -> AesGcm.unwrapKey(key, "kek-1", "p", Base64.getDecoder().decode(value)))
                .isInstanceOf(SealBrokenException.class);
    }
}
