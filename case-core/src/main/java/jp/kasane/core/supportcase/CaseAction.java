package jp.kasane.core.supportcase;

import java.util.EnumSet;
import java.util.Set;

import static jp.kasane.core.supportcase.Phase.*;

/**
 * Everything that can be done to a case, with the phases it may be done in: the phase rules of DOMAIN.md in one
 * table (the phase each action leads to is set in {@link CaseState#apply}). A consultation is accepted in every phase
 * (on a closed or suspended case it reopens it); consent may be withdrawn or narrowed in every phase, because the
 * person's right to withdraw does not end with the case. After an evaluation a revised plan takes the case back to
 * PLANNED, and monitoring and 参加支援 go on: support is evaluated, revised and continued as long as needed.
 */
public enum CaseAction {
    RECORD_CONSULTATION(EnumSet.allOf(Phase.class)),
    RECORD_ASSESSMENT(EnumSet.of(INTAKE, ASSESSMENT)),
    /** A household changes while the case is open: the son found later, a guardian appointed. */
    ADD_MEMBER(EnumSet.complementOf(EnumSet.of(CLOSED))),
    /** A member moved out or died: recorded in every open phase; they stay in the history. */
    RECORD_DEPARTURE(EnumSet.complementOf(EnumSet.of(CLOSED))),
    /** Contacts (outreach, visits, 同行) go on in every open phase, also before any consent and while suspended. */
    RECORD_CONTACT(EnumSet.complementOf(EnumSet.of(CLOSED))),
    /** A name or birth date corrected (APPI Art. 34) or first learnt: in every phase, as long as the data is held. */
    CORRECT_PERSONAL_DATA(EnumSet.allOf(Phase.class)),
    GIVE_CONSENT(EnumSet.complementOf(EnumSet.of(CLOSED))),
    WITHDRAW_CONSENT(EnumSet.allOf(Phase.class)),
    REQUEST_REFERRAL(EnumSet.complementOf(EnumSet.of(CLOSED, SUSPENDED))),
    ANSWER_REFERRAL(EnumSet.complementOf(EnumSet.of(CLOSED))),
    ESCALATE(EnumSet.complementOf(EnumSet.of(CLOSED, SUSPENDED))),
    TABLE_AT_MEETING(EnumSet.complementOf(EnumSet.of(CLOSED))),
    ACCEPT_FOR_SUPPORT(EnumSet.of(INTAKE, ASSESSMENT)),
    ADOPT_PLAN(EnumSet.of(ACCEPTED_FOR_SUPPORT, PLANNED, SUPPORTING, MONITORING, EVALUATION)),
    APPROVE_PARTICIPATION_SUPPORT(EnumSet.of(PLANNED, SUPPORTING, MONITORING, EVALUATION)),
    /** Monitoring goes on in every phase of support, also while an evaluation is pending (伴走). */
    RECORD_MONITORING(EnumSet.of(PLANNED, SUPPORTING, MONITORING, EVALUATION)),
    EVALUATE(EnumSet.of(PLANNED, SUPPORTING, MONITORING, EVALUATION)),
    /** A meeting's CLOSE decision: only after an evaluation (終結には評価が要る). */
    CLOSE_BY_MEETING(EnumSet.of(EVALUATION)),
    /** Closure by the lead agency or the coordinator, with reason and evaluation in the same request. */
    CLOSE(EnumSet.complementOf(EnumSet.of(CLOSED))),
    SUSPEND(EnumSet.complementOf(EnumSet.of(CLOSED, SUSPENDED))),
    NOTE_RESOURCE_GAP(EnumSet.allOf(Phase.class)),
    MANDATE_REFERRAL(EnumSet.complementOf(EnumSet.of(CLOSED, SUSPENDED))),
    /** A 支援会議's direction: in any open phase, also for a suspended case it keeps watching over. */
    SET_DIRECTION(EnumSet.complementOf(EnumSet.of(CLOSED)));

    private final Set<Phase> allowedIn;

    CaseAction(Set<Phase> allowedIn) {
        this.allowedIn = allowedIn;
    }

    public boolean allowedIn(Phase phase) {
        return allowedIn.contains(phase);
    }

    public Set<Phase> allowedPhases() {
        return EnumSet.copyOf(allowedIn);
    }
}
