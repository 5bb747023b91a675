package jp.kasane.core.personaldata;

/**
 * A sealed value or wrapped key that does not open: altered, truncated, not base64, or sealed for another subject or
 * under another key. This is an integrity failure, not an erasure: an erased subject's values open as empty.
 * Messages name the subject, never key material or clear text.
 */
public class SealBrokenException extends RuntimeException {

    public SealBrokenException(String message) {
        super(message);
    }
}
