package jp.kasane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The households a run works on, made as the staff make them: opened by one of the demo municipality's holders (包括
 * north and south, 基幹, こども家庭センター) with an issue mix drawn from what the seeds describe, one or two members,
 * and for most of them the person's consent to the 困窮 desk (jiritsu), so that jiritsu's reads are disclosures.
 * The CSW (csw-north) opens nothing here: its caseload is the lag probe's alone.
 */
final class Population {

    static final List<String> OPENERS = List.of("demo-houkatsu-north", "demo-houkatsu-south", "demo-kikan", "demo-kodomo");
    static final String READER_ON_CONSENT = "demo-jiritsu";

    private static final List<List<String>> ISSUE_MIXES = List.of(
            List.of("ISSUE_8050", "HIKIKOMORI"), List.of("ISSUE_8050", "POVERTY"), List.of("DOUBLE_CARE"),
            List.of("YOUNG_CARER", "NON_ATTENDANCE"), List.of("HOARDING"), List.of("POVERTY", "DEBT"),
            List.of("HOUSING", "EMPLOYMENT"), List.of("DISABILITY", "EMPLOYMENT"), List.of("HIKIKOMORI"),
            List.of("DEMENTIA", "ISSUE_8050"));
    private static final String[] FAMILY = {"阪南", "片野", "総社", "豊中", "芦屋", "𠮷田", "髙橋", "渡邊"};
    private static final String[] GIVEN = {"花子", "一郎", "トメ", "健太", "美咲", "ｹﾝｼﾞ", "さくら", "悠真"};

    /** One household's case, as the bench knows it. */
    static final class Household {
        final String caseId;
        final String opener;
        final String self;
        volatile boolean consented;
        volatile boolean referred;
        volatile boolean closed;
        final java.util.concurrent.atomic.AtomicBoolean escalated = new java.util.concurrent.atomic.AtomicBoolean();

        Household(String caseId, String opener, String self) {
            this.caseId = caseId;
            this.opener = opener;
            this.self = self;
        }
    }

    final List<Household> households = new CopyOnWriteArrayList<>();
    final List<Household> consented = new CopyOnWriteArrayList<>();

    /** Opens a household's case (the answer's latency is the caller's to record); null when refused. */
    static Http.Answer open(Http http, String opener) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String family = FAMILY[r.nextInt(FAMILY.length)];
        List<Map<String, Object>> members = new ArrayList<>();
        members.add(Map.of("name", family + "\u3000" + GIVEN[r.nextInt(GIVEN.length)],
                "birthDate", (1935 + r.nextInt(50)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10), "relationship", "SELF"));
        if (r.nextInt(3) > 0) {
            members.add(r.nextBoolean() ? Map.of("name", family + " " + GIVEN[r.nextInt(GIVEN.length)],
                    "birthYear", 1960 + r.nextInt(40), "relationship", "CHILD") : Map.of("relationship", "CHILD"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("occurredAt", "2026-0" + (4 + r.nextInt(6)) + "-1" + r.nextInt(10) + "T01:00:00Z");
        body.put("channel", List.of("VISIT", "PHONE", "HOME_VISIT", "OUTREACH", "SALON").get(r.nextInt(5)));
        body.put("consultedBy", List.of("SELF", "FAMILY", "NEIGHBOUR", "COMMISSIONER", "AGENCY").get(r.nextInt(5)));
        body.put("summary", Texts.summary(r));
        body.put("issues", ISSUE_MIXES.get(r.nextInt(ISSUE_MIXES.size())));
        body.put("household", Map.of("members", members));
        return http.post(opener, "/api/v1/cases", body);
    }

    /** The SELF member of a case just opened (the opener's read). */
    static String selfOf(Http http, String opener, String caseId) {
        Http.Answer view = http.get(opener, "/api/v1/cases/" + caseId);
        for (var m : view.json().path("household").path("members")) {
            if (m.path("relationship").asText().equals("SELF")) {
                return m.path("personId").asText();
            }
        }
        throw new IllegalStateException("no SELF member in " + caseId + ": " + view.status());
    }

    static Http.Answer consent(Http http, Household h) {
        return http.post(h.opener, "/api/v1/cases/" + h.caseId + "/consents", Map.of(
                "givenBy", Map.of("personId", h.self, "capacity", "SELF"),
                "agencyIds", List.of("jiritsu", "city-welfare"), "purposes", List.of("SUPPORT_COORDINATION"),
                "categories", List.of("BASIC", "NOTES", "FINANCE"), "validUntil", "2027-12-31"));
    }

    void add(Household h) {
        households.add(h);
        if (h.consented) {
            consented.add(h);
        }
    }

    /** A household whose case is open (a closed one is left out from the moment it is picked for closure). */
    Household any() {
        while (true) {
            Household h = households.get(ThreadLocalRandom.current().nextInt(households.size()));
            if (!h.closed) {
                return h;
            }
        }
    }

    Household anyConsented() {
        while (true) {
            Household h = consented.get(ThreadLocalRandom.current().nextInt(consented.size()));
            if (!h.closed) {
                return h;
            }
        }
    }
}
