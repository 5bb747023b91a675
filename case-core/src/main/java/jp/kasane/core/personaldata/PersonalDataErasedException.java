package jp.kasane.core.personaldata;

/**
 * Thrown when new personal data is sealed for a subject whose key has been erased: erasure is final, and new data
 * about an erased person must not be recorded under the old subject id.
 */
public class PersonalDataErasedException extends IllegalStateException {

    private final String subjectId;

    public PersonalDataErasedException(String subjectId) {
        super("personal data of subject " + subjectId + " has been erased; nothing new can be sealed for it");
        this.subjectId = subjectId;
    }

    public String subjectId() {
        return subjectId;
    }
}
