package jp.kasane.core.personaldata;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PersonalDataVault} that keeps the data keys in memory: for aggregate and projection tests, and as the
 * reference behaviour the JDBC vault of case-api follows. Keys are lost when the instance goes away, so never use it
 * where data must survive a restart.
 */
public final class InMemoryPersonalDataVault implements PersonalDataVault {

    /** A present key, or absent after erasure (the entry stays, as proof of erasure). */
    private final Map<String, Optional<SecretKey>> keys = new ConcurrentHashMap<>();

    @Override
    public Sealed seal(String subjectId, String clear) {
        Objects.requireNonNull(subjectId, "subjectId");
        SecretKey key = keys.computeIfAbsent(subjectId, id -> Optional.of(AesGcm.generateKey()))
                .orElseThrow(() -> new PersonalDataErasedException(subjectId));
        return new Sealed(subjectId, AesGcm.encrypt(key, subjectId, clear));
    }

    @Override
    public Optional<String> open(Sealed sealed) {
        Objects.requireNonNull(sealed, "sealed");
        Optional<SecretKey> key = keys.get(sealed.subjectId());
        if (key == null) {
            throw new SealBrokenException("no data key was ever created for subject " + sealed.subjectId());
        }
        return key.map(k -> AesGcm.decrypt(k, sealed.subjectId(), sealed.ciphertext()));
    }

    @Override
    public void erase(String subjectId) {
        keys.put(Objects.requireNonNull(subjectId, "subjectId"), Optional.empty());
    }

    @Override
    public boolean isErased(String subjectId) {
        Optional<SecretKey> key = keys.get(subjectId);
        return key != null && key.isEmpty();
    }
}
