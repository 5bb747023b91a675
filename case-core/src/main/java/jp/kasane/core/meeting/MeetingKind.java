package jp.kasane.core.meeting;

import java.util.EnumSet;
import java.util.Set;

/** The two kinds of meeting of DOMAIN.md, and what each may decide. */
public enum MeetingKind {
    /** 重層的支援会議: consent required for every case on the agenda. */
    MULTILAYER_MEETING(EnumSet.allOf(DecisionType.class)),
    /** 支援会議 (社会福祉法 106条の6): no consent needed; attendees bound by 守秘義務; may not adopt plans or approve 参加支援. */
    SUPPORT_MEETING(EnumSet.complementOf(EnumSet.of(DecisionType.ADOPT_PLAN, DecisionType.APPROVE_PARTICIPATION_SUPPORT)));

    private final Set<DecisionType> mayDecide;

    MeetingKind(Set<DecisionType> mayDecide) {
        this.mayDecide = mayDecide;
    }

    public boolean mayDecide(DecisionType type) {
        return mayDecide.contains(type);
    }
}
