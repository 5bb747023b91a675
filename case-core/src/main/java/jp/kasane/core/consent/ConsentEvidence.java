package jp.kasane.core.consent;

import jp.kasane.core.personaldata.Sealed;

import java.time.LocalDate;

/**
 * How a consent was obtained (同意の記録): the form it took, the reference of the document or record that holds it
 * (e.g. 同意書 R8-0123; sealed, since a reference typed by staff may name the person) and the day it was obtained.
 */
public record ConsentEvidence(Form form, Sealed reference, LocalDate obtainedOn) {

    public enum Form {
        /** 同意書 (signed paper). */
        WRITTEN,
        /** 口頭 (recorded by the staff who heard it). */
        ORAL,
        /** 電子署名・電子申請. */
        ELECTRONIC
    }
}
