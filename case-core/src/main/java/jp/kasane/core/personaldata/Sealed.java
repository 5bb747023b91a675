package jp.kasane.core.personaldata;

/**
 * A piece of personal data (a name, a birth date, a free-text summary) as it is stored in events: encrypted with
 * the data key of one data subject. {@code subjectId} is the person (or case, for case-level free text) whose key
 * sealed it; erasing that key makes every {@code Sealed} of the subject unreadable while the events stay intact.
 *
 * @param subjectId  whose data key sealed this value
 * @param ciphertext base64 of AES-GCM nonce, ciphertext and tag
 */
public record Sealed(String subjectId, String ciphertext) {
}
