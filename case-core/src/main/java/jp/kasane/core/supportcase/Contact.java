package jp.kasane.core.supportcase;

import jp.kasane.core.personaldata.Sealed;

import java.time.Instant;
import java.util.List;

/**
 * One contact with a person, reached or not (訪問したが会えなかった is a contact too: outreach is contact after contact
 * before any consent). {@code accompaniedAgencyIds} went along (同行); going along gives them no access to the case.
 * The summary is sealed under the persons it is about and shown only on a basis covering them for NOTES.
 */
public record Contact(String contactId, String agencyId, Instant occurredAt, ContactMethod method, boolean reached,
                      List<String> accompaniedAgencyIds, Sealed summary, List<String> aboutPersonIds) {

    public Contact {
        accompaniedAgencyIds = accompaniedAgencyIds == null ? List.of() : List.copyOf(accompaniedAgencyIds);
        aboutPersonIds = aboutPersonIds == null ? List.of() : List.copyOf(aboutPersonIds);
    }
}
