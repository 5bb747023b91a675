package jp.kasane.core.supportcase;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a correction (訂正, APPI Art. 34) may change about a household member: the two values that identify them. Both
 * are sealed under the member's own key. A correction is also how a person first recorded without a name (a
 * neighbour's report about 「近所の〇〇さん」) is named once they are known.
 */
public enum CorrectableField {
    @JsonProperty("name")
    NAME,
    /** A known birth date replaces an approximate birth year. */
    @JsonProperty("birthDate")
    BIRTH_DATE
}
