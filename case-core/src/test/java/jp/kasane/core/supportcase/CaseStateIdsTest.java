package jp.kasane.core.supportcase;

import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.supportcase.events.CaseOpened;
import jp.kasane.core.supportcase.events.ConsultationRecorded;
import jp.kasane.core.supportcase.events.ContactRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case kept between requests holds every consultation it was told. Read from the store, each event brings its own
 * copies of the ids it names; the case keeps one of each, so that its heap grows with the texts, not with the ids
 * repeated beside them.
 */
class CaseStateIdsTest {

    static final Instant AT = Instant.parse("2026-04-06T01:00:00Z");

    /** A fresh copy, as each event deserialized from the store has its own. */
    static String copy(String id) {
        return new String(id.toCharArray());
    }

    @Test
    void the_ids_a_case_repeats_are_held_once_and_its_texts_unchanged() {
        CaseState state = new CaseState();
        HouseholdMember mother = new HouseholdMember("p-mother", "SELF", new Sealed("p-mother", "bmFtZQ=="), null);
        state.apply(new CaseOpened("case-1", copy("houkatsu-north"), List.of(mother), consultation(null, "Zmlyc3Q=")));
        for (int i = 0; i < 3; i++) {
            state.apply(new ConsultationRecorded("case-1", consultation(List.of(copy("p-mother")), "dGV4dA==" + i)));
            state.apply(new ConsultationRecorded("case-1", consultation(List.of(), "bm9uZQ==" + i)));
            state.apply(new ContactRecorded("case-1", new Contact("c-" + i, copy("houkatsu-north"), AT,
                    ContactMethod.PHONE, true, List.of(), new Sealed(copy("p-mother"), "Y29udGFjdA==" + i), List.of())));
        }

        List<Consultation> told = state.consultations();
        assertThat(told).hasSize(7);
        Consultation first = told.get(0);
        for (Consultation c : told) {
            assertThat(c.agencyId()).isEqualTo("houkatsu-north").isSameAs(first.agencyId());
            assertThat(c.summary().subjectId()).isEqualTo("p-mother").isSameAs(first.summary().subjectId());
            assertThat(c.aboutPersonIds()).containsExactly("p-mother");
            assertThat(c.aboutPersonIds().get(0)).isSameAs(first.summary().subjectId());
        }
        assertThat(told).extracting(c -> c.summary().ciphertext())
                .containsExactly("Zmlyc3Q=", "dGV4dA==0", "bm9uZQ==0", "dGV4dA==1", "bm9uZQ==1", "dGV4dA==2", "bm9uZQ==2");
        for (Contact c : state.contacts()) {
            assertThat(c.agencyId()).isSameAs(first.agencyId());
            assertThat(c.summary().subjectId()).isSameAs(first.summary().subjectId());
        }
        assertThat(state.contacts()).extracting(Contact::contactId).containsExactly("c-0", "c-1", "c-2");
    }

    static Consultation consultation(List<String> about, String ciphertext) {
        return new Consultation(copy("k-") + ciphertext, copy("houkatsu-north"), AT, Channel.PHONE,
                new Sealed(copy("p-mother"), ciphertext), List.of(), null, about);
    }
}
