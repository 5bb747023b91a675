package jp.kasane.api.web.cases;

import jp.kasane.core.access.AccessDecision;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.consent.ConsentRecord;
import jp.kasane.core.meeting.MeetingOnCase;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.personaldata.PersonalDataVault;
import jp.kasane.core.personaldata.Sealed;
import jp.kasane.core.referral.Referral;
import jp.kasane.core.supportcase.CaseState;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.HouseholdMember;
import jp.kasane.core.supportcase.IssueCatalog;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders the case view of API.md for one access decision. What the decision's categories do not cover is left
 * out, not blanked: household members need BASIC; free text (summaries, reasons, evaluations) needs NOTES and
 * the categories it was tagged with; an issue flag needs the category it reveals (MENTAL_HEALTH is HEALTH).
 * An erased person's fields read {@code null} with {@code erased: true}.
 */
@Component
public class CaseViewRenderer {

    private final PersonalDataVault vault;
    private final IssueCatalog issues;
    private final Clock clock;

    public CaseViewRenderer(PersonalDataVault vault, IssueCatalog issues, Clock clock) {
        this.vault = vault;
        this.issues = issues;
        this.clock = clock;
    }

    public Map<String, Object> render(CaseState c, AccessDecision access) {
        Map<Sealed, Optional<String>> clear = vault.openAll(sealedValuesOf(c, access));
        boolean basic = access.covers(InformationCategory.BASIC);
        boolean notes = access.covers(InformationCategory.NOTES);
        Instant now = clock.instant();

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("caseId", c.caseId());
        view.put("version", c.version());
        view.put("phase", c.phase());
        view.put("access", Map.of("basis", access.basis(), "categories", access.categories()));
        view.put("issues", visibleIssues(c.issues(), access));
        if (basic) {
            view.put("openingAgencyId", c.openingAgencyId());
            view.put("leadAgencyId", c.leadAgencyId());
            view.put("coordinatorAgencyId", c.coordinatorAgencyId().orElse(null));
            List<Map<String, Object>> members = new ArrayList<>();
            for (HouseholdMember m : c.members()) {
                Optional<String> name = clear.getOrDefault(m.name(), Optional.empty());
                Optional<String> birth = clear.getOrDefault(m.birthDate(), Optional.empty());
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("personId", m.personId());
                member.put("name", name.orElse(null));
                member.put("birthDate", birth.orElse(null));
                member.put("relationship", m.relationship());
                if (name.isEmpty()) {
                    member.put("erased", true);
                }
                members.add(member);
            }
            view.put("household", Map.of("members", members));
        }
        List<Map<String, Object>> consultations = new ArrayList<>();
        for (Consultation k : c.consultations()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("consultationId", k.consultationId());
            item.put("agencyId", k.agencyId());
            item.put("occurredAt", k.occurredAt());
            item.put("channel", k.channel());
            item.put("issues", visibleIssues(k.issues(), access));
            item.put("categories", k.categories());
            if (access.coversAll(k.categories())) {
                item.put("summary", text(clear, k.summary()));
            }
            consultations.add(item);
        }
        view.put("consultations", consultations);
        if (notes) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (CaseState.Entry e : c.entries()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("kind", e.kind());
                item.put("agencyId", e.agencyId());
                item.put("occurredAt", e.occurredAt());
                item.put("meetingId", e.meetingId());
                item.put("text", text(clear, e.text()));
                entries.add(item);
            }
            view.put("notes", entries);
        }
        if (basic) {
            view.put("consents", c.consents().stream().map(k -> consent(k, now)).toList());
            view.put("referrals", c.referrals().stream().map(r -> referral(r, now, notes, clear)).toList());
            view.put("plan", c.plan().map(p -> {
                Map<String, Object> plan = new LinkedHashMap<>();
                plan.put("goals", p.goals().stream().map(g -> text(clear, g)).toList());
                plan.put("roles", p.roles().stream().map(r -> role(r, clear)).toList());
                plan.put("leadAgencyId", p.leadAgencyId());
                plan.put("reviewOn", p.reviewOn());
                plan.put("meetingId", p.meetingId());
                return plan;
            }).orElse(null));
            view.put("participationPartners", c.participationPartners());
            view.put("meetings", c.meetings().stream().map(m -> meeting(m, c)).toList());
        }
        return view;
    }

    private List<String> visibleIssues(java.util.Collection<String> flags, AccessDecision access) {
        return flags.stream().filter(i -> access.covers(issues.categoryOf(i))).toList();
    }

    private static Map<String, Object> consent(ConsentRecord k, Instant now) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("consentId", k.consentId());
        item.put("status", k.statusAt(now));
        item.put("givenBy", Map.of("personId", k.givenByPersonId(), "capacity", k.capacity()));
        item.put("agencyIds", k.agencyIds());
        item.put("agencyTypes", k.agencyTypes());
        item.put("purposes", k.purposes());
        item.put("categories", k.categories());
        item.put("validUntil", k.validUntil());
        item.put("givenAt", k.givenAt());
        item.put("withdrawnAt", k.withdrawnAt());
        return item;
    }

    private static Map<String, Object> referral(Referral r, Instant now, boolean notes, Map<Sealed, Optional<String>> clear) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("referralId", r.referralId());
        item.put("fromAgencyId", r.fromAgencyId());
        item.put("toAgencyId", r.toAgencyId());
        item.put("status", r.status());
        item.put("basis", r.basis());
        item.put("categories", r.categories());
        item.put("requestedAt", r.requestedAt());
        item.put("dueAt", r.dueAt());
        item.put("answeredAt", r.answeredAt());
        item.put("completedAt", r.completedAt());
        item.put("withdrawalCause", r.withdrawalCause());
        item.put("overdue", r.overdueAt(now));
        if (notes) {
            item.put("reason", text(clear, r.reason()));
            item.put("answerReason", text(clear, r.answerReason()));
        }
        return item;
    }

    private static Map<String, Object> role(PlanRole r, Map<Sealed, Optional<String>> clear) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("agencyId", r.agencyId());
        item.put("task", text(clear, r.task()));
        return item;
    }

    private static Map<String, Object> meeting(MeetingOnCase m, CaseState c) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("meetingId", m.meetingId());
        item.put("kind", m.kind());
        item.put("heldOn", m.heldOn());
        item.put("convenerAgencyId", m.convenerAgencyId());
        item.put("attendeeAgencyIds", m.attendeeAgencyIds());
        item.put("acknowledgedBy", m.acknowledgedAt().keySet());
        item.put("decisions", c.decisions().stream().filter(d -> d.meetingId().equals(m.meetingId()))
                .map(CaseState.MeetingDecision::type).toList());
        return item;
    }

    private static String text(Map<Sealed, Optional<String>> clear, Sealed sealed) {
        return sealed == null ? null : clear.getOrDefault(sealed, Optional.empty()).orElse(null);
    }

    /** Only what the caller may see is decrypted at all. */
    private static List<Sealed> sealedValuesOf(CaseState c, AccessDecision access) {
        List<Sealed> values = new ArrayList<>();
        if (access.covers(InformationCategory.BASIC)) {
            c.members().forEach(m -> {
                values.add(m.name());
                values.add(m.birthDate());
            });
            c.plan().ifPresent(p -> {
                values.addAll(p.goals());
                p.roles().forEach(r -> values.add(r.task()));
            });
        }
        c.consultations().stream().filter(k -> access.coversAll(k.categories())).forEach(k -> values.add(k.summary()));
        if (access.covers(InformationCategory.NOTES)) {
            c.entries().forEach(e -> values.add(e.text()));
            c.referrals().forEach(r -> {
                values.add(r.reason());
                values.add(r.answerReason());
            });
        }
        return values.stream().filter(Objects::nonNull).distinct().toList();
    }

}
