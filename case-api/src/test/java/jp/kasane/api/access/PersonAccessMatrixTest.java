package jp.kasane.api.access;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import jp.kasane.api.support.TestClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static jp.kasane.api.support.Api.member;

/**
 * The person axis of the access matrix (DOMAIN.md "Consent": consent is per data subject). Where
 * {@link AccessMatrixTest} varies the basis for one household, this table varies <em>whose</em> consent it is and
 * <em>whom</em> a text is about, and checks that a reader sees exactly the persons its basis covers, in the view and
 * in the auditor's ledger: {@code src/test/resources/access/person-matrix.psv}.
 *
 * <h2>How to read the table</h2>
 * <ul>
 *   <li><b>consent answer</b>: the status of each consent the situation records, and for a 400 the field the error
 *       names; a refused consent must record nothing (the case's stream is unchanged).</li>
 *   <li><b>status</b>, <b>basis</b>: the reader's {@code GET /api/v1/cases/{id}}.</li>
 *   <li><b>persons covered</b>: the view's {@code access.personIds}.</li>
 *   <li><b>names shown</b>: the members in {@code household.members} with name and birth date; every other member
 *       of the household is left out, and its name and birth date appear nowhere in the answer.</li>
 *   <li><b>texts shown</b>: consultation summaries present in the view; every other text of the case appears
 *       nowhere in the answer.</li>
 *   <li><b>ledger persons</b>: the {@code personIds} of the reader's line in
 *       {@code GET /api/v1/audit/cases/{id}/disclosures}; empty for the opener, whose own reads are not disclosures.</li>
 * </ul>
 */
@KasaneIntegrationTest
class PersonAccessMatrixTest {

    static final String OPENER = "demo-houkatsu-north";
    static final String COORDINATOR = "demo-coordinator";
    static final String AUDITOR = "demo-auditor";
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final List<String> BASIC_NOTES = List.of("BASIC", "NOTES");

    /** The persons of every household: name and birth date, keyed by the token the table uses. */
    static final Map<String, String[]> PEOPLE = Map.of(
            "mother", new String[]{"阪南 花子", "1944-05-01"},
            "son", new String[]{"阪南 一郎", "1974-09-12"},
            "pupil", new String[]{"泉 大翔", "2013-06-15"},
            "parent", new String[]{"泉 由美", "1986-02-03"},
            "sister", new String[]{"泉 ひなた", "2020-02-10"},
            "ward", new String[]{"東 キヨ", "1940-01-20"},
            "guardian", new String[]{"西 正義", "1965-07-07"});

    /** The texts of every case, keyed by the token the table uses. */
    static final Map<String, String> TEXTS = Map.of(
            "about-mother", "母の介護相談で来所。膝が痛く買い物に行けない。",
            "about-son", "息子は20年以上ひきこもり。精神科の受診歴あり。",
            "about-both", "母の年金だけで二人が暮らしており、家賃の滞納がある。",
            "about-pupil", "中学1年の長男が5月から不登校、昼夜逆転。",
            "about-parent", "母は体調を崩しがちで、パートを辞めた。",
            "about-ward", "認知症が進み、通帳の管理ができない。",
            "about-ward-and-guardian", "後見人が月1回訪問し、支払いを代行している。");

    /** A situation as set up: its case, the personId of each person token, and the answers to its consents. */
    record Fixture(String caseId, Map<String, String> persons, Set<String> texts, List<Response> consents) {
        String id(String person) {
            return persons.get(person);
        }
    }

    private static final Map<String, Fixture> FIXTURES = new HashMap<>();

    @Autowired
    Api api;
    @Autowired
    TestClock clock;

    @ParameterizedTest(name = "{0} | {2} → {3} {4}")
    @CsvFileSource(resources = "/access/person-matrix.psv", delimiter = '|', maxCharsPerColumn = 512)
    void a_reader_sees_exactly_the_persons_its_basis_covers(String situation, String consentAnswer, String reader,
                                                           int status, String basis, String covered, String names,
                                                           String texts, String ledgerPersons) {
        Fixture f = FIXTURES.computeIfAbsent(situation, this::setUp);
        SoftAssertions soft = new SoftAssertions();
        checkConsentAnswers(soft, f, tokens(consentAnswer));

        Response r = api.get(reader, "/api/v1/cases/" + f.caseId());
        soft.assertThat(r.status()).as("status (answer: %s)", r.body()).isEqualTo(status);
        if (status == 200 && r.status() == 200) {
            JsonNode v = r.body();
            soft.assertThat(v.path("access").path("basis").asText()).as("access.basis").isEqualTo(basis);
            soft.assertThat(texts(v.path("access").path("personIds"))).as("access.personIds")
                    .isEqualTo(ids(f, tokens(covered)));
            checkNames(soft, f, v, tokens(names));
            checkTexts(soft, f, v, tokens(texts));
            checkLedger(soft, f, reader, tokens(ledgerPersons));
        } else if (status == 404 && r.status() == 404) {
            soft.assertThat(r.body().toString()).as("a refusal says nothing of the household").doesNotContain("阪南", "泉", "東 キヨ");
        }
        soft.assertAll();
    }

    /** Partner agencies code against the published contract: the person fields are in it. */
    @org.junit.jupiter.api.Test
    void the_person_fields_are_in_the_published_contract() {
        JsonNode schemas = api.get(null, "/v3/api-docs").body().path("components").path("schemas");
        List<Set<String>> properties = new ArrayList<>();
        schemas.forEach(schema -> {
            Set<String> names = new LinkedHashSet<>();
            schema.path("properties").fieldNames().forEachRemaining(names::add);
            properties.add(names);
        });
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(properties).as("a consent with its subjects and evidence")
                .anySatisfy(p -> org.assertj.core.api.Assertions.assertThat(p).contains("givenBy", "aboutPersonIds", "evidence"));
        soft.assertThat(properties).as("evidence").anySatisfy(p ->
                org.assertj.core.api.Assertions.assertThat(p).contains("form", "reference", "obtainedOn"));
        soft.assertThat(properties).as("a consultation about persons").anySatisfy(p ->
                org.assertj.core.api.Assertions.assertThat(p).contains("channel", "summary", "aboutPersonIds"));
        soft.assertThat(properties).as("a ledger line naming persons").anySatisfy(p ->
                org.assertj.core.api.Assertions.assertThat(p).contains("basis", "categories", "personIds", "agencyId"));
        soft.assertAll();
    }

    private void checkConsentAnswers(SoftAssertions soft, Fixture f, List<String> expected) {
        List<String> actual = new ArrayList<>();
        for (Response c : f.consents()) {
            actual.add(String.valueOf(c.status()));
            if (c.status() == 400) {
                c.body().path("errors").forEach(e -> actual.add(e.path("field").asText()));
            }
        }
        soft.assertThat(actual).as("answers to the situation's consents").isEqualTo(expected);
    }

    private void checkNames(SoftAssertions soft, Fixture f, JsonNode v, List<String> shown) {
        Map<String, JsonNode> members = new HashMap<>();
        v.path("household").path("members").forEach(m -> members.put(m.path("personId").asText(), m));
        soft.assertThat(members.keySet()).as("household.members").isEqualTo(ids(f, shown));
        String body = v.toString();
        for (String person : f.persons().keySet()) {
            String[] data = PEOPLE.get(person);
            if (shown.contains(person)) {
                JsonNode m = members.get(f.id(person));
                if (m != null) {
                    soft.assertThat(m.path("name").asText()).as(person + ": name").isEqualTo(data[0]);
                    soft.assertThat(m.path("birthDate").asText()).as(person + ": birth date").isEqualTo(data[1]);
                }
            } else {
                soft.assertThat(body).as(person + ": name and birth date appear nowhere").doesNotContain(data[0], data[1]);
            }
        }
    }

    private void checkTexts(SoftAssertions soft, Fixture f, JsonNode v, List<String> shown) {
        Set<String> summaries = new LinkedHashSet<>();
        v.path("consultations").forEach(c -> {
            if (c.has("summary")) {
                summaries.add(c.path("summary").asText());
            }
        });
        soft.assertThat(summaries).as("consultation summaries shown")
                .isEqualTo(shown.stream().map(TEXTS::get).collect(Collectors.toSet()));
        String body = v.toString();
        for (String text : f.texts()) {
            if (!shown.contains(text)) {
                soft.assertThat(body).as(text + " appears nowhere").doesNotContain(TEXTS.get(text));
            }
        }
    }

    private void checkLedger(SoftAssertions soft, Fixture f, String reader, List<String> persons) {
        String agencyId = agencyOf(reader);
        JsonNode lines = api.get(AUDITOR, "/api/v1/audit/cases/" + f.caseId() + "/disclosures").body().path("items");
        JsonNode last = null;
        for (JsonNode line : lines) {
            if (line.path("agencyId").asText().equals(agencyId)) {
                last = line;
            }
        }
        if (persons.isEmpty()) {
            soft.assertThat(last).as("the holder's own read is no disclosure").isNull();
            return;
        }
        soft.assertThat(last).as("the reader's ledger line").isNotNull();
        if (last != null) {
            soft.assertThat(texts(last.path("personIds"))).as("ledger personIds").isEqualTo(ids(f, persons));
        }
    }

    // ---- the situations ----------------------------------------------------------------------------------------

    private Fixture setUp(String situation) {
        return switch (situation) {
            case "mother's consent" -> household8050(f -> List.of(consent(f, "mother", "SELF", List.of("mother"))));
            case "son's consent" -> household8050(f -> List.of(consent(f, "son", "SELF", List.of("son"))));
            case "both consent" -> household8050(f -> List.of(consent(f, "mother", "SELF", List.of("mother")),
                    consent(f, "son", "SELF", List.of("son"))));
            case "mother's SELF consent for her son" ->
                    household8050(f -> List.of(refusedConsent(f, "mother", "SELF", List.of("son"))));
            case "mother's PARENT consent for her son" ->
                    household8050(f -> List.of(refusedConsent(f, "mother", "PARENT", List.of("son"))));
            case "son's GUARDIAN consent for mother" ->
                    household8050(f -> List.of(refusedConsent(f, "son", "GUARDIAN", List.of("mother"))));
            case "support meeting attendee" -> household8050(f -> {
                supportMeetingWithKodomo(f);
                return List.of();
            });
            case "opener" -> household8050(f -> List.of());
            case "PARENT for the minor pupil" -> pupilFamily(f -> List.of(consent(f, "parent", "PARENT", List.of("pupil"))));
            case "PARENT for herself" -> pupilFamily(f -> List.of(refusedConsent(f, "parent", "PARENT", List.of("parent"))));
            case "GUARDIAN for the ward" -> wardHousehold(f -> List.of(consent(f, "guardian", "GUARDIAN", List.of("ward"))));
            default -> throw new IllegalArgumentException("No setup for situation " + situation);
        };
    }

    interface Consents {
        List<Response> record(Fixture f);
    }

    private Fixture household8050(Consents consents) {
        Fixture f = open(List.of("mother", "son"), List.of("SELF", "CHILD"), "about-mother");
        consultation(f, "about-son", "son");
        consultation(f, "about-both", "mother", "son");
        return withConsents(f, consents);
    }

    private Fixture pupilFamily(Consents consents) {
        Fixture f = open(List.of("pupil", "parent", "sister"), List.of("SELF", "PARENT", "SIBLING"), "about-pupil");
        consultation(f, "about-parent", "parent");
        return withConsents(f, consents);
    }

    private Fixture wardHousehold(Consents consents) {
        Fixture f = open(List.of("ward", "guardian"), List.of("SELF", "GUARDIAN"), "about-ward");
        consultation(f, "about-ward-and-guardian", "ward", "guardian");
        return withConsents(f, consents);
    }

    private Fixture open(List<String> persons, List<String> relationships, String firstText) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < persons.size(); i++) {
            String[] data = PEOPLE.get(persons.get(i));
            members.add(member(data[0], data[1], relationships.get(i)));
        }
        Api.OpenedCase c = api.open(OPENER, TEXTS.get(firstText), List.of("ISSUE_8050"), members);
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < persons.size(); i++) {
            ids.put(persons.get(i), c.personIds().get(i));
        }
        return new Fixture(c.caseId(), ids, new LinkedHashSet<>(List.of(firstText)), List.of());
    }

    private void consultation(Fixture f, String text, String... about) {
        ok(api.post(OPENER, path(f, "/consultations"), Map.of("occurredAt", "2026-04-10T01:00:00Z", "channel", "PHONE",
                "summary", TEXTS.get(text), "aboutPersonIds", Arrays.stream(about).map(f::id).toList())));
        f.texts().add(text);
    }

    private Fixture withConsents(Fixture f, Consents consents) {
        return new Fixture(f.caseId(), f.persons(), f.texts(), consents.record(f));
    }

    private Response consent(Fixture f, String giver, String capacity, List<String> about) {
        return api.post(OPENER, path(f, "/consents"), consentBody(f, giver, capacity, about));
    }

    /** A consent the law does not allow: answered 400, and the case's stream is unchanged. */
    private Response refusedConsent(Fixture f, String giver, String capacity, List<String> about) {
        int before = api.eventCount(f.caseId());
        Response r = consent(f, giver, capacity, about);
        if (api.eventCount(f.caseId()) != before) {
            throw new AssertionError("a refused consent recorded an event: " + r.body());
        }
        return r;
    }

    private Map<String, Object> consentBody(Fixture f, String giver, String capacity, List<String> about) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenBy", Map.of("personId", f.id(giver), "capacity", capacity));
        body.put("aboutPersonIds", about.stream().map(f::id).toList());
        body.put("agencyIds", List.of("jiritsu"));
        body.put("purposes", List.of("SUPPORT_COORDINATION"));
        body.put("categories", BASIC_NOTES);
        body.put("validUntil", today().plusYears(1).toString());
        body.put("evidence", Map.of("form", "WRITTEN", "reference", "同意書 R8-0456", "obtainedOn", today().toString()));
        return body;
    }

    /** Escalated, then a 支援会議 today with kodomo attending; kodomo and the convening coordinator acknowledge 守秘義務. */
    private void supportMeetingWithKodomo(Fixture f) {
        ok(api.post(OPENER, path(f, "/escalation"), Map.of("reason", "複合課題のため多機関協働へ")));
        String meetingId = ok(api.post(COORDINATOR, "/api/v1/meetings", Map.of("kind", "SUPPORT_MEETING",
                "heldOn", today().toString(), "attendees", List.of(Map.of("agencyId", "kodomo")),
                "caseIds", List.of(f.caseId())))).text("meetingId");
        ok(api.post("demo-kodomo", "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                Map.of("agencyId", "kodomo")));
        ok(api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/confidentiality-acknowledgements",
                Map.of("agencyId", "city-welfare")));
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    private static String agencyOf(String key) {
        return AccessMatrixTest.AGENCY_OF_KEY.get(key);
    }

    private static Response ok(Response r) {
        if (r.status() < 200 || r.status() > 299) {
            throw new AssertionError("setup step answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    private static String path(Fixture f, String rest) {
        return "/api/v1/cases/" + f.caseId() + rest;
    }

    private LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }

    private static Set<String> ids(Fixture f, List<String> persons) {
        return persons.stream().map(f::id).collect(Collectors.toSet());
    }

    private static List<String> tokens(String cell) {
        return cell == null || cell.isBlank() ? List.of() : List.of(cell.strip().split("\\s+"));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
