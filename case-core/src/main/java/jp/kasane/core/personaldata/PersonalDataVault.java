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
}
