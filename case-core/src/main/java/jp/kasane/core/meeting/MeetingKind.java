package jp.kasane.core.meeting;

import java.util.EnumSet;
import java.util.Set;

import static jp.kasane.core.meeting.DecisionType.*;

/**
 * The kinds of meeting of DOMAIN.md, and what each may decide. A 支援会議 shares information without consent, so
 * it never decides what needs the person's consent (支援決定, a plan, 参加支援, evaluation, closure or suspension):
 * those belong to the consent-based 重層的支援会議.
 */
public enum MeetingKind {
    /** 重層的支援会議: consent required for every case on the agenda. */
    MULTILAYER_MEETING(EnumSet.of(ACCEPT_FOR_SUPPORT, ADOPT_PLAN, APPROVE_PARTICIPATION_SUPPORT, EVALUATE, CLOSE,
            SUSPEND, RESOURCE_GAP)),
    /** 支援会議 (社会福祉法 106条の6): no consent needed; attendees bound by 守秘義務. */
    SUPPORT_MEETING(EnumSet.of(SET_DIRECTION, REFER, RESOURCE_GAP));

    private final Set<DecisionType> mayDecide;

    MeetingKind(Set<DecisionType> mayDecide) {
        this.mayDecide = mayDecide;
    }

    public boolean mayDecide(DecisionType type) {
        return mayDecide.contains(type);
    }

    public Set<DecisionType> decisions() {
        return EnumSet.copyOf(mayDecide);
    }

    /** Whether tabling a case needs consent covering every attendee (else the meeting's own legal basis applies). */
    public boolean needsConsent() {
        return this == MULTILAYER_MEETING;
    }

    /** Whether acknowledged attendees read the case on the meeting's own legal basis (Art. 106-6), without consent. */
    public boolean grantsConfidentialAccess() {
        return this == SUPPORT_MEETING;
    }
}
