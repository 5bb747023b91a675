package jp.kasane.core.personaldata;

import java.util.Optional;

/**
 * Seals and opens personal data with one data key per data subject (crypto-shredding). Implementations keep the
 * keys apart from the events, wrapped by a key-encryption key.
 */
public interface PersonalDataVault {

    /** Encrypts {@code clear} with the subject's data key, creating the key on first use. */
    Sealed seal(String subjectId, String clear);

    /** The clear text, or empty when the subject's key has been erased. */
    Optional<String> open(Sealed sealed);

    /** Deletes the subject's data key: every value it sealed reads as erased from now on. */
    void erase(String subjectId);

    /** Whether the subject's key has been erased. */
    boolean isErased(String subjectId);

    /**
     * Opens many values at once (a case view opens dozens): each value maps to its clear text, or to empty when its
     * subject has been erased. Equal values appear once. This default opens them one by one; implementations that
     * can fetch many keys in one round trip override it.
     */
    default java.util.Map<Sealed, java.util.Optional<String>> openAll(java.util.Collection<Sealed> values) {
        java.util.Map<Sealed, java.util.Optional<String>> opened = new java.util.LinkedHashMap<>();
        for (Sealed value : values) {
            opened.computeIfAbsent(value, this::open);
        }
        return opened;
    }
}
