package jp.kasane.api.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import jp.kasane.api.support.Api;
import jp.kasane.api.support.Api.OpenedCase;
import jp.kasane.api.support.Api.Response;
import jp.kasane.api.support.KasaneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static jp.kasane.api.support.Api.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cases of the seed slides (../shared/seeds), end to end over HTTP on the embedded PostgreSQL: each test is one
 * household's story, told in the calls the agencies make. docs/scenarios.md tells the same stories in prose.
 *
 * <ul>
 *   <li>阪南市: 8050世帯の男性が困窮の就労準備支援と居場所につながった事例; 重層的支援会議・プラン作成 (包括・CSW・自立相談支援機関 …)</li>
 *   <li>阪南市: 不登校・昼夜逆転の「Bくん」が学校・SSW・CSWの連携から漁港の居場所 (参加支援) へ; 支援会議 (本人同意なし)</li>
 *   <li>尼崎市: 支援会議 (社会福祉法第106条の6) では参加者に守秘義務が課され、同意のない事例でも情報共有できる</li>
 *   <li>交野市: 重層的支援会議 (本人同意あり)・支援会議 (本人同意なし); 終結時の評価</li>
 * </ul>
 */
@KasaneIntegrationTest
class SeedScenariosTest {

    static final String HOUKATSU = "demo-houkatsu-north";
    static final String JIRITSU = "demo-jiritsu";
    static final String KIKAN = "demo-kikan";
    static final String KODOMO = "demo-kodomo";
    static final String CSW = "demo-csw-north";
    static final String NPO = "demo-npo-ibasho";
    static final String COORDINATOR = "demo-coordinator";

    /** Meetings are held today, in Japan: a 支援会議's Art. 106-6 window runs from its day. */
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    // ------------------------------------------------------------------------------------------------------------
    // 1. 8050世帯: 包括の相談から困窮へのつなぎ、多機関協働、重層的支援会議、参加支援、評価、終結、そして再相談
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void the_8050_household_from_the_first_visit_to_closure_and_back() {
        // 包括 (北) に80代の母が介護の相談で来所。50代の息子は20年以上ひきこもっている。
        OpenedCase household = api.open(HOUKATSU,
                "80代の母と50代の息子の二人暮らし。息子は20年以上ひきこもり、母の年金で生活。母の介護相談で来所。",
                List.of("ISSUE_8050", "HIKIKOMORI"),
                List.of(member("阪南 花子", "1944-05-01", "SELF"), member("阪南 一郎", "1974-09-12", "CHILD")));
        String caseId = household.caseId();
        String mother = household.self();
        assertThat(phase(HOUKATSU, caseId)).isEqualTo("INTAKE");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(onCaseload(HOUKATSU, caseId)).as("包括の担当ケース一覧に載る").isPresent());

        // 困窮はまだこの世帯を知らない: 見えないケースは存在しないケースと同じ 404。
        assertThat(api.get(JIRITSU, cases(caseId)).status()).isEqualTo(404);

        // 本人同意: 母が自ら、困窮・市 (多機関協働)・居場所NPO への情報共有に同意する (基本・記録・家計)。
        // 同意書で取得し、重層的支援会議での共有にも同意する。母の同意は母のことだけ: 成人の息子の分は息子本人が決める。
        Response consent = ok(201, api.post(HOUKATSU, cases(caseId) + "/consents", Map.of(
                "givenBy", Map.of("personId", mother, "capacity", "SELF"),
                "agencyIds", List.of("jiritsu", "city-welfare", "npo-ibasho"),
                "purposes", List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"),
                "categories", List.of("BASIC", "NOTES", "FINANCE"),
                "validUntil", Api.CONSENT_VALID_UNTIL,
                "evidence", Map.of("form", "WRITTEN", "reference", "同意書 R8-0123", "obtainedOn", TODAY.toString()))));
        assertThat(consent.text("consentId")).isNotBlank();
        JsonNode recordedConsent = ok(200, api.get(HOUKATSU, cases(caseId))).body().get("consents").get(0);
        assertThat(recordedConsent.get("aboutPersonIds")).extracting(JsonNode::asText).containsExactly(mother);
        assertThat(recordedConsent.get("evidence").get("form").asText()).isEqualTo("WRITTEN");

        // つなぎ: 包括 → 困窮 (自立相談支援機関)。家計と息子の就労準備。
        String referralId = ok(201, api.post(HOUKATSU, cases(caseId) + "/referrals", Map.of(
                "toAgencyId", "jiritsu",
                "reason", "母の年金のみで家計が逼迫。息子の就労準備と世帯の家計相談につなぎたい。",
                "basis", "CONSENT",
                "categories", List.of("BASIC", "NOTES", "FINANCE")))).text("referralId");

        // 困窮が受ける: これで困窮もこのケースを持つ (OWN_RECORD) — 同意 (CONSENT) でも見える。
        ok(200, api.post(JIRITSU, cases(caseId) + "/referrals/" + referralId + "/acceptance", null));
        Response jiritsuView = ok(200, api.get(JIRITSU, cases(caseId)));
        assertThat(jiritsuView.body().get("access").get("basis").asText()).isIn("OWN_RECORD", "CONSENT");
        assertThat(referral(jiritsuView, referralId).get("status").asText()).isEqualTo("ACCEPTED");
        // 困窮に見えるのは母だけ。息子の氏名・生年月日はどこにも出ない。
        assertThat(jiritsuView.body().get("household").get("members")).extracting(m -> m.get("personId").asText())
                .containsExactly(mother);
        assertThat(jiritsuView.body().get("access").get("personIds")).extracting(JsonNode::asText).containsExactly(mother);
        assertThat(jiritsuView.body().toString()).doesNotContain("阪南 一郎").doesNotContain("1974-09-12");

        // CSW の訪問で息子本人と話ができ、息子が自ら同意する (口頭、記録に残す): 困窮・市・居場所NPO に基本と記録。
        String son = household.personIds().get(1);
        ok(201, api.post(HOUKATSU, cases(caseId) + "/consents", Map.of(
                "givenBy", Map.of("personId", son, "capacity", "SELF"),
                "agencyIds", List.of("jiritsu", "city-welfare", "npo-ibasho"),
                "purposes", List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"),
                "categories", List.of("BASIC", "NOTES"),
                "validUntil", Api.CONSENT_VALID_UNTIL,
                "evidence", Map.of("form", "ORAL", "reference", "訪問記録 2026-05-20", "obtainedOn", TODAY.toString()))));
        Response bothView = ok(200, api.get(JIRITSU, cases(caseId)));
        assertThat(bothView.body().get("household").get("members")).extracting(m -> m.get("personId").asText())
                .containsExactlyInAnyOrder(mother, son);

        // 介護・ひきこもり・困窮の複合ケース: 包括が多機関協働 (市) へエスカレーション。
        ok(200, api.post(HOUKATSU, cases(caseId) + "/escalation",
                Map.of("reason", "介護・ひきこもり・家計の複合ケース。役割分担を決めるため多機関協働へ。")));
        assertThat(ok(200, api.get(COORDINATOR, cases(caseId))).text("coordinatorAgencyId")).isEqualTo("city-welfare");

        // 重層的支援会議 (本人同意あり): 市が招集、包括・困窮・居場所NPO が出席。
        String meetingId = convene(COORDINATOR, "MULTILAYER_MEETING", List.of("houkatsu-north", "jiritsu", "npo-ibasho"), caseId);

        // 支援決定とプラン: 目標、役割分担 (困窮=家計相談、居場所=居場所、包括=母の介護)、主担当=包括、見直し日。
        LocalDate reviewOn = TODAY.plusMonths(3);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(
                        Map.of("type", "ACCEPT_FOR_SUPPORT"),
                        Map.of("type", "ADOPT_PLAN",
                                "goals", List.of("母が介護サービスを使いながら在宅で安心して暮らせる",
                                        "息子が週1回居場所に通い、就労準備につながる",
                                        "世帯の家計を安定させる"),
                                "roles", List.of(
                                        Map.of("agencyId", "jiritsu", "task", "家計相談と就労準備支援 (漁港での牡蠣割り作業体験)"),
                                        Map.of("agencyId", "npo-ibasho", "task", "居場所の提供と伴走 (週1回)"),
                                        Map.of("agencyId", "houkatsu-north", "task", "母の介護サービス調整と見守り")),
                                "leadAgencyId", "houkatsu-north",
                                "reviewOn", reviewOn.toString())))));

        // プラン策定: phase PLANNED、プランは主担当にも役割を持つ居場所NPOにも見える。
        Response planned = ok(200, api.get(HOUKATSU, cases(caseId)));
        assertThat(planned.text("phase")).isEqualTo("PLANNED");
        JsonNode plan = planned.body().get("plan");
        assertThat(plan.get("leadAgencyId").asText()).isEqualTo("houkatsu-north");
        assertThat(plan.get("reviewOn").asText()).isEqualTo(reviewOn.toString());
        assertThat(plan.get("goals")).extracting(JsonNode::asText).contains("世帯の家計を安定させる");
        assertThat(plan.get("roles")).extracting(r -> r.get("agencyId").asText())
                .containsExactly("jiritsu", "npo-ibasho", "houkatsu-north");
        assertThat(planned.body().get("meetings").get(0).get("decisions")).extracting(JsonNode::asText)
                .containsExactly("ACCEPT_FOR_SUPPORT", "ADOPT_PLAN");
        Response npoView = ok(200, api.get(NPO, cases(caseId)));
        assertThat(npoView.body().get("plan").get("roles")).extracting(r -> r.get("task").asText())
                .contains("居場所の提供と伴走 (週1回)");

        // 参加支援: 重層的支援会議で居場所NPO への参加支援を承認 → SUPPORTING。
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + meetingId + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "APPROVE_PARTICIPATION_SUPPORT", "partnerAgencyId", "npo-ibasho")))));
        Response supporting = ok(200, api.get(HOUKATSU, cases(caseId)));
        assertThat(supporting.text("phase")).isEqualTo("SUPPORTING");
        assertThat(supporting.body().get("participationPartners")).extracting(JsonNode::asText).containsExactly("npo-ibasho");

        // モニタリング: 居場所NPO が記録する。
        ok(201, api.post(NPO, cases(caseId) + "/monitoring-notes", Map.of("occurredAt", "2026-06-12T06:00:00Z",
                "summary", "一郎さん、居場所に4週続けて来所。初日と比べて会話が増えた。")));
        assertThat(phase(HOUKATSU, caseId)).isEqualTo("MONITORING");

        // 評価 (見直しの会議): 目標を概ね達成 → EVALUATION。
        String review = convene(COORDINATOR, "MULTILAYER_MEETING", List.of("houkatsu-north", "jiritsu", "npo-ibasho"), caseId);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + review + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "EVALUATE",
                        "evaluation", "息子は居場所に定着し、就労準備支援で週4日の作業に従事。母は介護サービスで在宅生活が安定。")))));
        assertThat(phase(HOUKATSU, caseId)).isEqualTo("EVALUATION");

        // 終結: 会議の CLOSE 決定 (理由つき) → CLOSED。
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + review + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "CLOSE", "reason", "目標を達成。今後は包括の通常の見守りで対応する。")))));
        Response closed = ok(200, api.get(HOUKATSU, cases(caseId)));
        assertThat(closed.text("phase")).isEqualTo("CLOSED");
        assertThat(closed.body().get("notes")).extracting(n -> n.get("kind").asText()).contains("EVALUATION", "CLOSURE");

        // 終結したケースは包括の担当ケース一覧から消える (読みモデルは少し遅れて追いつく)。
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(onCaseload(HOUKATSU, caseId)).as("終結後の担当ケース一覧").isEmpty());

        // 再相談: 母が転倒して入院、息子が一人で不安を訴えて電話 → ケースは再開 (INTAKE)。
        ok(201, api.post(HOUKATSU, cases(caseId) + "/consultations", Map.of("occurredAt", "2026-10-01T01:00:00Z",
                "channel", "PHONE", "summary", "母が自宅で転倒し入院。息子から一人での生活が不安との電話。",
                "issues", List.of("ISSUE_8050"))));
        assertThat(phase(HOUKATSU, caseId)).isEqualTo("INTAKE");
        assertThat(api.eventTypes(caseId)).contains("kasane.CaseClosed", "kasane.CaseReopened");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(onCaseload(HOUKATSU, caseId)).as("再開したケースは一覧に戻る").isPresent());
    }

    // ------------------------------------------------------------------------------------------------------------
    // 2. 不登校の中学生 (阪南市の「Bくん」): 同意のない支援会議 (守秘義務) → 保護者の同意 → 重層的支援会議でプラン
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void the_non_attending_pupil_from_a_support_meeting_without_consent_to_a_plan() {
        // こども家庭センターに母親から相談: 中学1年の長男が不登校、昼夜逆転。体調の悪い母に代わり妹の世話も。
        OpenedCase family = api.open(KODOMO,
                "中学1年の長男が5月から不登校、昼夜逆転。釣りが好き。母は体調を崩しがちで、長男が妹の世話をしている。",
                List.of("NON_ATTENDANCE", "YOUNG_CARER"),
                List.of(member("泉 大翔", "2013-06-15", "SELF"), member("泉 由美", "1986-02-03", "PARENT"),
                        member("泉 ひなた", "2020-02-10", "SIBLING")));
        String caseId = family.caseId();
        String parent = family.personIds().get(1);

        ok(201, api.post(KODOMO, cases(caseId) + "/assessments", Map.of("occurredAt", "2026-06-01T01:00:00Z",
                "summary", "発達の偏りが疑われる。学校以外の居場所がない。母子とも支援への同意はまだ得られていない。")));
        assertThat(phase(KODOMO, caseId)).isEqualTo("ASSESSMENT");

        // 学校・SSW・CSW との連携が要る: 多機関協働へ。
        ok(200, api.post(KODOMO, cases(caseId) + "/escalation", Map.of("reason", "学校・CSW・困窮と情報共有が必要。同意はまだない。")));
        // エスカレーションだけでは市 (多機関協働) に何も渡らない: 一覧に載るだけ (根拠なし)、ケースは 404。
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode escalated = null;
            for (JsonNode item : ok(200, api.get(COORDINATOR, "/api/v1/escalations?size=500")).body().get("items")) {
                if (item.get("caseId").asText().equals(caseId)) {
                    escalated = item;
                }
            }
            assertThat(escalated).as("the case in the coordinator's escalations (read model, awaited)").isNotNull();
            assertThat(escalated.get("openingAgencyId").asText()).isEqualTo("kodomo");
            assertThat(escalated.get("basis").isNull()).isTrue();
        });
        assertThat(api.get(COORDINATOR, cases(caseId)).status()).isEqualTo(404);

        // 支援会議 (社会福祉法106条の6): 同意なしで開ける。出席はこども・CSW北・困窮。
        String supportMeeting = convene(COORDINATOR, "SUPPORT_MEETING", List.of("kodomo", "csw-north", "jiritsu"), caseId);

        // CSW は守秘義務を確認するまでケースを見られない (存在しないのと同じ 404)。
        Response before = api.get(CSW, cases(caseId));
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.code()).isEqualTo("NOT_FOUND");

        // 守秘義務の確認 → 見える。根拠は SUPPORT_MEETING_ART_106_6。
        Response ack = ok(200, api.post(CSW, "/api/v1/meetings/" + supportMeeting + "/confidentiality-acknowledgements",
                Map.of("agencyId", "csw-north")));
        assertThat(ack.body().get("acknowledged").asBoolean()).isTrue();
        Response cswView = ok(200, api.get(CSW, cases(caseId)));
        assertThat(cswView.body().get("access").get("basis").asText()).isEqualTo("SUPPORT_MEETING_ART_106_6");
        assertThat(cswView.body().get("issues")).extracting(JsonNode::asText).contains("NON_ATTENDANCE", "YOUNG_CARER");
        // 確認していない困窮にはまだ見えない。
        assertThat(api.get(JIRITSU, cases(caseId)).status()).isEqualTo(404);

        // 招集した市も守秘義務を確認してから決める: 確認前の決定は、見えないケースと同じ 404。
        Response unacknowledged = api.post(COORDINATOR, "/api/v1/meetings/" + supportMeeting + "/decisions", Map.of(
                "caseId", caseId, "decisions", List.of(Map.of("type", "RESOURCE_GAP", "description", "居場所がない"))));
        assertThat(unacknowledged.status()).isEqualTo(404);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + supportMeeting + "/confidentiality-acknowledgements",
                Map.of("agencyId", "city-welfare")));

        // 支援会議が決めるのは方向性・見守り・当面の役割分担と、地域課題 (学校以外の平日の居場所がない)。
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + supportMeeting + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(
                        Map.of("type", "SET_DIRECTION", "direction", "CSWが家庭訪問を続け、母の同意を得て重層的支援会議へ",
                                "watchOver", true,
                                "actions", List.of(Map.of("agencyId", "csw-north", "task", "週1回の家庭訪問"),
                                        Map.of("agencyId", "kodomo", "task", "母への同意の説明")),
                                "nextReviewOn", TODAY.plusWeeks(3).toString()),
                        Map.of("type", "RESOURCE_GAP", "description", "不登校の中学生が平日に通える学校以外の居場所がない")))));
        assertThat(api.eventTypes(caseId)).contains("kasane.DirectionSet");

        // しかし支援会議はプランを決められない: 409 DECISION_NOT_ALLOWED、何も記録されない。
        int caseEvents = api.eventCount(caseId);
        int allEvents = api.totalEvents();
        Response refused = api.post(COORDINATOR, "/api/v1/meetings/" + supportMeeting + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "ADOPT_PLAN", "goals", List.of("週末に漁港の釣りプロジェクトに参加する"),
                        "roles", List.of(Map.of("agencyId", "csw-north", "task", "釣りプロジェクトへの同行")),
                        "leadAgencyId", "kodomo", "reviewOn", TODAY.plusMonths(2).toString()))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("DECISION_NOT_ALLOWED");
        assertThat(api.eventCount(caseId)).isEqualTo(caseEvents);
        assertThat(api.totalEvents()).isEqualTo(allEvents);
        assertThat(ok(200, api.get(KODOMO, cases(caseId))).body().get("plan").isNull()).isTrue();

        // 支援会議の方向づけに従い同意を求める: 親権者 (母) が PARENT として未成年の子ども二人について同意し
        // (CSW北・困窮・市)、自分自身についても SELF として同意する。
        String pupil = family.self();
        String sister = family.personIds().get(2);
        Response consent = ok(201, api.post(KODOMO, cases(caseId) + "/consents", Map.of(
                "givenBy", Map.of("personId", parent, "capacity", "PARENT"),
                "aboutPersonIds", List.of(pupil, sister),
                "agencyIds", List.of("csw-north", "jiritsu", "city-welfare"),
                "purposes", List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"),
                "categories", List.of("BASIC", "NOTES"),
                "validUntil", Api.CONSENT_VALID_UNTIL)));
        api.consent(KODOMO, caseId, parent, List.of("csw-north", "jiritsu", "city-welfare"),
                List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING"), List.of("BASIC", "NOTES"));
        JsonNode recorded = ok(200, api.get(KODOMO, cases(caseId))).body().get("consents").get(0);
        assertThat(recorded.get("consentId").asText()).isEqualTo(consent.text("consentId"));
        assertThat(recorded.get("givenBy").get("capacity").asText()).isEqualTo("PARENT");
        assertThat(recorded.get("givenBy").get("personId").asText()).isEqualTo(parent);

        // 重層的支援会議 (同意あり): 支援決定とプラン → PLANNED。
        String multilayer = convene(COORDINATOR, "MULTILAYER_MEETING", List.of("kodomo", "csw-north", "jiritsu"), caseId);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + multilayer + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(
                        Map.of("type", "ACCEPT_FOR_SUPPORT"),
                        Map.of("type", "ADOPT_PLAN",
                                "goals", List.of("週末に漁港の釣りプロジェクトに参加する (先生も同行)",
                                        "長男が妹の世話を一人で担わなくてよい体制をつくる"),
                                "roles", List.of(
                                        Map.of("agencyId", "csw-north", "task", "学校・SSWと連携し、釣りプロジェクトへの参加に伴走"),
                                        Map.of("agencyId", "kodomo", "task", "妹の保育の調整と母の子育て支援"),
                                        Map.of("agencyId", "jiritsu", "task", "母の就労と家計の相談")),
                                "leadAgencyId", "kodomo",
                                "reviewOn", TODAY.plusMonths(2).toString())))));
        Response planned = ok(200, api.get(KODOMO, cases(caseId)));
        assertThat(planned.text("phase")).isEqualTo("PLANNED");
        assertThat(planned.body().get("plan").get("leadAgencyId").asText()).isEqualTo("kodomo");
        assertThat(planned.body().get("meetings")).extracting(m -> m.get("kind").asText())
                .containsExactly("SUPPORT_MEETING", "MULTILAYER_MEETING");
        // 困窮はいまや役割を持ち、同意の範囲でケースを見る。
        assertThat(ok(200, api.get(JIRITSU, cases(caseId))).body().get("access").get("basis").asText())
                .isIn("OWN_RECORD", "CONSENT");
    }

    // ------------------------------------------------------------------------------------------------------------
    // 3. 断られたつなぎ: 基幹が理由を添えて辞退 → 送り手に理由が見え、つなぎボードに載る
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void a_declined_referral_carries_its_reason_back_to_the_sender() {
        // 包括: 息子に発達障がいの疑い。本人 (母) の同意を得て基幹につなぐ (基本・記録)。
        // 困窮については基本情報 (BASIC) だけの同意。
        OpenedCase household = api.open8050(HOUKATSU);
        String caseId = household.caseId();
        api.consent(HOUKATSU, caseId, household.self(), List.of("kikan"), List.of("BASIC", "NOTES"));
        api.consent(HOUKATSU, caseId, household.self(), List.of("jiritsu"), List.of("BASIC"));
        String referralId = ok(201, api.post(HOUKATSU, cases(caseId) + "/referrals", Map.of(
                "toAgencyId", "kikan", "reason", "息子に発達障がいの疑い。障害福祉サービスの利用を相談したい。",
                "basis", "CONSENT", "categories", List.of("BASIC", "NOTES")))).text("referralId");
        int events = api.eventCount(caseId);

        // 理由のない辞退は 400 VALIDATION_FAILED (field reason)、何も記録しない。
        Response noReason = api.post(KIKAN, cases(caseId) + "/referrals/" + referralId + "/decline", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(noReason.body().get("errors")).extracting(e -> e.get("field").asText()).containsExactly("reason");
        Response blankReason = api.post(KIKAN, cases(caseId) + "/referrals/" + referralId + "/decline", Map.of("reason", " "));
        assertThat(blankReason.status()).isEqualTo(400);

        // 受け手でない機関 (同意で見えている困窮) は答えられない: 403 NOT_RECEIVING_AGENCY。
        Response notTheirs = api.post(JIRITSU, cases(caseId) + "/referrals/" + referralId + "/decline",
                Map.of("reason", "代わりに断ります"));
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.code()).isEqualTo("NOT_RECEIVING_AGENCY");
        assertThat(api.eventCount(caseId)).isEqualTo(events);

        // 基幹が理由を添えて辞退する。
        String why = "診断・手帳がなく障害福祉サービスの対象外。まず困窮の就労準備支援が適切。必要になれば再度相談を。";
        ok(200, api.post(KIKAN, cases(caseId) + "/referrals/" + referralId + "/decline", Map.of("reason", why)));

        // 送り手 (包括) には DECLINED と理由が見える (NOTES を含む自機関の記録)。
        Response senderView = ok(200, api.get(HOUKATSU, cases(caseId)));
        JsonNode declined = referral(senderView, referralId);
        assertThat(declined.get("status").asText()).isEqualTo("DECLINED");
        assertThat(declined.get("answerReason").asText()).isEqualTo(why);
        assertThat(declined.get("answeredAt").isNull()).isFalse();
        // 理由は記録 (NOTES): 基本情報だけの同意で見ている困窮には、辞退は見えても理由は見えない。
        JsonNode basicOnly = referral(ok(200, api.get(JIRITSU, cases(caseId))), referralId);
        assertThat(basicOnly.get("status").asText()).isEqualTo("DECLINED");
        assertThat(basicOnly.has("answerReason")).isFalse();

        // つなぎボード: 送り手の鍵で ?status=DECLINED に載る (読みモデルは少し遅れて追いつく)。
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode item = onBoard(HOUKATSU, "?status=DECLINED&fromAgencyId=houkatsu-north", referralId)
                    .orElseThrow(() -> new AssertionError("not yet on the board as DECLINED"));
            assertThat(item.get("status").asText()).isEqualTo("DECLINED");
            assertThat(item.get("toAgencyId").asText()).isEqualTo("kikan");
            assertThat(item.get("answeredAt").isNull()).isFalse();
        });
        assertThat(onBoard(HOUKATSU, "?status=REQUESTED&fromAgencyId=houkatsu-north", referralId)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4. 同意の撤回: その瞬間から同意に基づく開示はない。同意に基づく未回答のつなぎは自動で取り下げ。
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void a_consent_withdrawn_mid_case_ends_disclosure_at_once_and_withdraws_what_rested_on_it() {
        OpenedCase household = api.open8050(HOUKATSU);
        String caseId = household.caseId();
        String consentId = api.consent(HOUKATSU, caseId, household.self(), List.of("jiritsu", "kikan"),
                List.of("BASIC", "NOTES", "FINANCE"));

        // 困窮へのつなぎは受けられ、困窮はケースを読める。
        String toJiritsu = ok(201, api.post(HOUKATSU, cases(caseId) + "/referrals", Map.of("toAgencyId", "jiritsu",
                "reason", "家計相談", "basis", "CONSENT", "categories", List.of("BASIC", "FINANCE")))).text("referralId");
        ok(200, api.post(JIRITSU, cases(caseId) + "/referrals/" + toJiritsu + "/acceptance", null));
        assertThat(api.get(JIRITSU, cases(caseId)).status()).isEqualTo(200);

        // 基幹へのつなぎは同じ同意に基づき、まだ回答待ち。
        String toKikan = ok(201, api.post(HOUKATSU, cases(caseId) + "/referrals", Map.of("toAgencyId", "kikan",
                "reason", "息子の障がいの相談", "basis", "CONSENT"))).text("referralId");

        // 母が同意を撤回する。
        ok(200, api.post(HOUKATSU, cases(caseId) + "/consents/" + consentId + "/withdrawal",
                Map.of("reason", "本人から、これ以上ほかの機関に話を伝えないでほしいと申し出。")));

        // 困窮の次の読み取りは即座に 404 (待ちも再試行もしない)。書き込みも同じ。
        Response jiritsuRead = api.get(JIRITSU, cases(caseId));
        assertThat(jiritsuRead.status()).isEqualTo(404);
        assertThat(jiritsuRead.code()).isEqualTo("NOT_FOUND");
        assertThat(api.post(JIRITSU, cases(caseId) + "/consultations", Map.of("occurredAt", "2026-06-01T01:00:00Z",
                "channel", "PHONE", "summary", "家計の件で電話")).status()).isEqualTo(404);

        // 送り手から見ると: 同意は WITHDRAWN、受けられたつなぎは ACCEPTED のまま (撤回前の共有は適法)、
        // 回答待ちだった基幹へのつなぎは自動で WITHDRAWN。
        Response view = ok(200, api.get(HOUKATSU, cases(caseId)));
        assertThat(view.body().get("consents").get(0).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(referral(view, toJiritsu).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(referral(view, toKikan).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(referral(view, toKikan).get("withdrawalCause").asText()).isEqualTo("CONSENT_WITHDRAWN");

        List<String> types = api.eventTypes(caseId);
        assertThat(types).containsSubsequence("kasane.ConsentWithdrawn", "kasane.ReferralWithdrawn");
        assertThat(types.get(types.size() - 1)).isEqualTo("kasane.ReferralWithdrawn");
        // 取り下げの原因は同意の撤回 (送り手の取り下げではない)。
        String withdrawn = rawPayloads(caseId, "kasane.ReferralWithdrawn").get(0);
        assertThat(withdrawn).contains(toKikan).contains("CONSENT_WITHDRAWN");

        // 基幹はもうケースが見えないので受けられない (404)。困窮も、受けたつなぎを完了にはできない。
        Response late = api.post(KIKAN, cases(caseId) + "/referrals/" + toKikan + "/acceptance", null);
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.code()).isEqualTo("NOT_FOUND");
        assertThat(api.post(JIRITSU, cases(caseId) + "/referrals/" + toJiritsu + "/completion", null).status())
                .isEqualTo(404);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(onBoard(HOUKATSU, "?status=WITHDRAWN&fromAgencyId=houkatsu-north", toKikan)).isPresent());
    }

    // ------------------------------------------------------------------------------------------------------------
    // 5. 交野市: 重層的支援会議で支援プランを協議・作成・共有し、評価で見直して支援を続ける (伴走)、評価を経て終結
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void katano_evaluates_revises_the_plan_and_supports_again_until_a_second_evaluation_closes_it() {
        // CSW が長期ひきこもりの40代男性の相談を受ける (母からの相談)。
        OpenedCase household = api.open(CSW, "40代の息子が10年以上ひきこもり。母が社協のCSWに相談。",
                List.of("HIKIKOMORI"),
                List.of(member("交野 太郎", "1982-02-14", "SELF"), member("交野 良子", "1955-08-30", "PARENT")));
        String caseId = household.caseId();
        ok(201, api.post(CSW, cases(caseId) + "/consents", Map.of(
                "givenBy", Map.of("personId", household.self(), "capacity", "SELF"),
                "agencyIds", List.of("city-welfare", "jiritsu", "kikan", "npo-ibasho"),
                "purposes", List.of("SUPPORT_COORDINATION", "MULTILAYER_MEETING", "PARTICIPATION_SUPPORT"),
                "categories", List.of("BASIC", "NOTES"),
                "validUntil", Api.CONSENT_VALID_UNTIL,
                "evidence", Map.of("form", "WRITTEN", "reference", "同意書 交野-0042", "obtainedOn", TODAY.toString()))));
        ok(200, api.post(CSW, cases(caseId) + "/escalation", Map.of("reason", "長期ひきこもり。多機関で支援プランを協議したい。")));

        // 重層的支援会議: 支援決定と最初のプラン (居場所に通う)、参加支援の承認。
        String first = convene(COORDINATOR, "MULTILAYER_MEETING", List.of("csw-north", "npo-ibasho", "jiritsu"), caseId);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + first + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "ACCEPT_FOR_SUPPORT"),
                        plan(List.of("週1回、居場所に通う"), List.of(Map.of("agencyId", "npo-ibasho", "task", "居場所での受け入れ")),
                                TODAY.plusMonths(3)),
                        Map.of("type", "APPROVE_PARTICIPATION_SUPPORT", "partnerAgencyId", "npo-ibasho")))));
        assertThat(phase(CSW, caseId)).isEqualTo("SUPPORTING");
        ok(201, api.post(NPO, cases(caseId) + "/monitoring-notes", Map.of("occurredAt", "2026-06-01T06:00:00Z",
                "summary", "最初の3回は来所。その後は来ていない。")));

        // 見直しの会議: 評価 (目標は未達)。評価が出ても伴走は止まらない: モニタリングは続き、評価は評価のまま。
        String review = convene(COORDINATOR, "MULTILAYER_MEETING", List.of("csw-north", "npo-ibasho", "jiritsu", "kikan"), caseId);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + review + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "EVALUATE", "evaluation", "居場所への通所は3回で途切れた。外出への不安が大きい。")))));
        assertThat(phase(CSW, caseId)).isEqualTo("EVALUATION");
        ok(201, api.post(CSW, cases(caseId) + "/monitoring-notes", Map.of("occurredAt", "2026-07-01T06:00:00Z",
                "summary", "自宅訪問。本人と玄関で5分話せた。")));
        assertThat(phase(CSW, caseId)).as("a monitoring note does not undo the evaluation").isEqualTo("EVALUATION");

        // プランの見直し: 基幹相談支援センターが加わり、まず訪問から。見直したプランで PLANNED に戻り、支援を続ける。
        LocalDate nextReview = TODAY.plusMonths(6);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + review + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(plan(List.of("月2回の訪問で関係をつくる", "本人のペースで居場所に戻る"),
                        List.of(Map.of("agencyId", "kikan", "task", "障がいの見立てと訪問 (月2回)"),
                                Map.of("agencyId", "npo-ibasho", "task", "訪問への同行と居場所での受け入れ")),
                        nextReview)))));
        Response revised = ok(200, api.get(CSW, cases(caseId)));
        assertThat(revised.text("phase")).isEqualTo("PLANNED");
        assertThat(revised.body().get("plan").get("reviewOn").asText()).isEqualTo(nextReview.toString());
        assertThat(revised.body().get("plan").get("roles")).extracting(r -> r.get("agencyId").asText())
                .containsExactly("kikan", "npo-ibasho");

        // 支援は続く: 基幹が記録し (MONITORING)、居場所の参加支援を改めて承認 (SUPPORTING)、困窮へのつなぎも出せる。
        ok(201, api.post(KIKAN, cases(caseId) + "/monitoring-notes", Map.of("occurredAt", "2026-08-01T06:00:00Z",
                "summary", "訪問4回目。居間で30分話せた。")));
        assertThat(phase(CSW, caseId)).isEqualTo("MONITORING");
        String later = convene(COORDINATOR, "MULTILAYER_MEETING", List.of("csw-north", "npo-ibasho", "kikan"), caseId);
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + later + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "APPROVE_PARTICIPATION_SUPPORT", "partnerAgencyId", "npo-ibasho")))));
        assertThat(phase(CSW, caseId)).isEqualTo("SUPPORTING");
        ok(201, api.post(CSW, cases(caseId) + "/referrals", Map.of("toAgencyId", "jiritsu",
                "reason", "居場所に通えるようになった。就労準備を相談したい。", "basis", "CONSENT",
                "categories", List.of("BASIC", "NOTES"))));

        // 二度目の評価で目標達成 → 会議の CLOSE で終結。
        ok(200, api.post(COORDINATOR, "/api/v1/meetings/" + later + "/decisions", Map.of("caseId", caseId,
                "decisions", List.of(Map.of("type", "EVALUATE", "evaluation", "週1回の通所が3か月続き、就労準備支援につながった。"),
                        Map.of("type", "CLOSE", "reason", "目標を達成。以後は居場所と困窮の通常の支援で見守る。")))));
        Response closed = ok(200, api.get(CSW, cases(caseId)));
        assertThat(closed.text("phase")).isEqualTo("CLOSED");
        List<String> decisionsOfTheReview = new ArrayList<>();
        for (JsonNode m : closed.body().get("meetings")) {
            if (m.get("meetingId").asText().equals(review)) {
                m.get("decisions").forEach(d -> decisionsOfTheReview.add(d.asText()));
            }
        }
        assertThat(decisionsOfTheReview).as("the review evaluated, then revised the plan").containsExactly("EVALUATE", "ADOPT_PLAN");
        assertThat(closed.body().get("notes")).extracting(n -> n.get("kind").asText())
                .containsSubsequence("EVALUATION", "EVALUATION", "CLOSURE");
    }

    private static Map<String, Object> plan(List<String> goals, List<Map<String, String>> roles, LocalDate reviewOn) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("type", "ADOPT_PLAN");
        plan.put("goals", goals);
        plan.put("roles", roles);
        plan.put("leadAgencyId", "csw-north");
        plan.put("reviewOn", reviewOn.toString());
        return plan;
    }

    // ------------------------------------------------------------------------------------------------------------
    // 6. 阪南市: 8050世帯の息子へのアウトリーチ (訪問を重ね、信頼関係をつくってから本人同意)
    // 7. CSW: 近所の人の「〇〇さん、最近しんどそう」— 名前の分からない人の相談がケースになる
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void hannan_reaches_the_8050_son_by_visits_over_weeks_before_he_consents() {
        // 母が自ら包括に来所 (相談者: 本人)。最初は母だけの世帯として受け付ける。
        Response opened = ok(201, api.post(HOUKATSU, "/api/v1/cases", Map.of(
                "occurredAt", "2026-04-03T01:00:00Z", "channel", "VISIT", "consultedBy", "SELF",
                "summary", "80代の母が介護の相談で来所。同居の息子のことも心配している様子。",
                "issues", List.of("ISSUE_8050"),
                "household", Map.of("members", List.of(member("阪南 花子", "1944-05-01", "SELF"))))));
        String caseId = opened.text("caseId");
        String mother = api.get(HOUKATSU, cases(caseId)).body().get("household").get("members").get(0).get("personId").asText();

        // 二度目の来所で母が息子のことを話す: 息子が世帯に加わる (生年月日は分からず、おおよその年)。
        String son = ok(201, api.post(HOUKATSU, cases(caseId) + "/members",
                Map.of("name", "阪南 一郎", "birthYear", 1974, "relationship", "CHILD"))).text("personId");

        // 訪問を重ねる: 会えない訪問、置き手紙、CSW が同行した訪問で初めて玄関越しに話せる。
        ok(201, api.post(HOUKATSU, cases(caseId) + "/contacts", Map.of("occurredAt", "2026-04-10T01:00:00Z",
                "method", "HOME_VISIT", "reached", false, "aboutPersonIds", List.of(son))));
        ok(201, api.post(HOUKATSU, cases(caseId) + "/contacts", Map.of("occurredAt", "2026-04-17T01:00:00Z",
                "method", "LETTER", "reached", false, "summary", "置き手紙: 「お母さんのことでまた来ます」", "aboutPersonIds", List.of(son))));
        ok(201, api.post(HOUKATSU, cases(caseId) + "/contacts", Map.of("occurredAt", "2026-05-08T01:00:00Z",
                "method", "HOME_VISIT", "reached", true, "accompaniedAgencyIds", List.of("csw-north"),
                "summary", "CSWと同行。玄関越しに10分。釣りの話ならできる。", "aboutPersonIds", List.of(son))));
        // 同行した CSW はそれだけではケースを見られない。困窮もまだ知らない。
        assertThat(api.get(CSW, cases(caseId)).status()).isEqualTo(404);
        assertThat(api.get(JIRITSU, cases(caseId)).status()).isEqualTo(404);

        // 数週間後、息子本人が同意する (口頭、記録に残す): 困窮と居場所NPO に、基本と記録。
        ok(201, api.post(HOUKATSU, cases(caseId) + "/consents", Map.of(
                "givenBy", Map.of("personId", son, "capacity", "SELF"),
                "agencyIds", List.of("jiritsu", "npo-ibasho"),
                "purposes", List.of("SUPPORT_COORDINATION", "PARTICIPATION_SUPPORT"),
                "categories", List.of("BASIC", "NOTES"),
                "validUntil", Api.CONSENT_VALID_UNTIL,
                "evidence", Map.of("form", "ORAL", "reference", "訪問記録 2026-05-29", "obtainedOn", TODAY.toString()))));

        // 困窮に見えるのは息子と、息子についての接触の記録だけ。母のことは母の同意がない限り見えない。
        JsonNode jiritsu = ok(200, api.get(JIRITSU, cases(caseId))).body();
        assertThat(jiritsu.get("household").get("members")).extracting(m -> m.get("personId").asText()).containsExactly(son);
        assertThat(jiritsu.get("contacts")).hasSize(3);
        assertThat(jiritsu.get("contacts").get(2).get("summary").asText()).contains("釣りの話");
        assertThat(jiritsu.toString()).doesNotContain("阪南 花子").doesNotContain(mother);

        // 包括の記録には、相談者 (本人) と接触の経過がすべて残る。
        JsonNode houkatsu = ok(200, api.get(HOUKATSU, cases(caseId))).body();
        assertThat(houkatsu.get("consultations").get(0).get("consultedBy").asText()).isEqualTo("SELF");
        assertThat(houkatsu.get("contacts").findValuesAsText("reached")).containsExactly("false", "false", "true");
    }

    @Test
    void a_neighbours_report_about_someone_whose_name_nobody_knows_becomes_a_case() {
        // 近所の人が CSW に: 「3丁目の角の家のおばあちゃん、最近しんどそう」。名前も生年月日も分からない。
        Response opened = ok(201, api.post(CSW, "/api/v1/cases", Map.of(
                "occurredAt", "2026-06-02T01:00:00Z", "channel", "SALON", "consultedBy", "NEIGHBOUR",
                "summary", "サロンで近所の人から: 3丁目の角の家の高齢女性、最近ゴミが溜まり、姿を見ない。",
                "issues", List.of("HOARDING"),
                "household", Map.of("members", List.of(Map.of("relationship", "SELF", "birthYear", 1948))))));
        String caseId = opened.text("caseId");
        JsonNode unnamed = ok(200, api.get(CSW, cases(caseId))).body().get("household").get("members").get(0);
        assertThat(unnamed.path("name").isNull() || unnamed.path("name").isMissingNode()).as("unknown, not erased").isTrue();
        assertThat(unnamed.has("erased")).isFalse();

        // CSW が訪問し、本人と会えた。本人からの相談として記録が続く。
        ok(201, api.post(CSW, cases(caseId) + "/contacts", Map.of("occurredAt", "2026-06-05T01:00:00Z",
                "method", "HOME_VISIT", "reached", true, "summary", "本人と会えた。膝が痛くて外に出られないとのこと。")));
        ok(201, api.post(CSW, cases(caseId) + "/consultations", Map.of("occurredAt", "2026-06-12T01:00:00Z",
                "channel", "HOME_VISIT", "consultedBy", "SELF", "summary", "本人から: ゴミ出しを手伝ってほしい。")));
        // 会えたので名前が分かった: the CSW names her; the approximate year gives way to the date she gave.
        String her = unnamed.get("personId").asText();
        ok(200, api.post(CSW, cases(caseId) + "/members/" + her + "/corrections", Map.of(
                "field", "name", "value", "総社 トメ", "reason", "訪問時に本人から聞き取り")));
        ok(200, api.post(CSW, cases(caseId) + "/members/" + her + "/corrections", Map.of(
                "field", "birthDate", "value", "1948-03-03", "reason", "本人から聞き取り")));
        JsonNode view = ok(200, api.get(CSW, cases(caseId))).body();
        assertThat(view.get("consultations").findValuesAsText("consultedBy")).containsExactly("NEIGHBOUR", "SELF");
        assertThat(view.get("contacts")).hasSize(1);
        JsonNode named = view.get("household").get("members").get(0);
        assertThat(named.get("name").asText()).isEqualTo("総社 トメ");
        assertThat(named.get("birthDate").asText()).isEqualTo("1948-03-03");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static String cases(String caseId) {
        return "/api/v1/cases/" + caseId;
    }

    private static Response ok(int status, Response r) {
        assertThat(r.status()).as("answer: %s", r.body()).isEqualTo(status);
        return r;
    }

    private String phase(String key, String caseId) {
        return ok(200, api.get(key, cases(caseId))).text("phase");
    }

    private String convene(String key, String kind, List<String> attendees, String... caseIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("heldOn", TODAY.toString());
        body.put("attendees", attendees.stream().map(a -> Map.of("agencyId", a)).toList());
        body.put("caseIds", List.of(caseIds));
        return ok(201, api.post(key, "/api/v1/meetings", body)).text("meetingId");
    }

    private static JsonNode referral(Response view, String referralId) {
        for (JsonNode r : view.body().get("referrals")) {
            if (r.get("referralId").asText().equals(referralId)) {
                return r;
            }
        }
        throw new AssertionError("referral " + referralId + " not in the view: " + view.body());
    }

    private Optional<JsonNode> onCaseload(String key, String caseId) {
        for (JsonNode item : ok(200, api.get(key, "/api/v1/caseload?size=500")).body().get("items")) {
            if (item.get("caseId").asText().equals(caseId)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> onBoard(String key, String query, String referralId) {
        for (JsonNode item : ok(200, api.get(key, "/api/v1/handoffs" + query + "&size=500")).body().get("items")) {
            if (item.get("referralId").asText().equals(referralId)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private List<String> rawPayloads(String caseId, String type) {
        List<String> payloads = new ArrayList<>();
        for (byte[] raw : jdbc.queryForList("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype = ? ORDER BY sequencenumber", byte[].class, caseId, type)) {
            payloads.add(new String(raw, StandardCharsets.UTF_8));
        }
        return payloads;
    }
}
