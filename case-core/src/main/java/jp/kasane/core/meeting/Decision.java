package jp.kasane.core.meeting;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.personaldata.Sealed;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One decision of a meeting about one case. Free text arrives sealed; {@code aboutPersonIds} says whom the text is
 * about (default: the case's SELF member), which decides who may read it.
 */
public sealed interface Decision {

    DecisionType type();

    /** Whom the decision's text is about; empty for decisions without text. */
    default List<String> aboutPersonIds() {
        return List.of();
    }

    record AcceptForSupport() implements Decision {
        public DecisionType type() { return DecisionType.ACCEPT_FOR_SUPPORT; }
    }

    record AdoptPlan(List<Sealed> goals, List<PlanRole> roles, String leadAgencyId, LocalDate reviewOn,
                     List<String> aboutPersonIds) implements Decision {
        public DecisionType type() { return DecisionType.ADOPT_PLAN; }
    }

    record ApproveParticipationSupport(String partnerAgencyId) implements Decision {
        public DecisionType type() { return DecisionType.APPROVE_PARTICIPATION_SUPPORT; }
    }

    record Evaluate(Sealed evaluation, List<String> aboutPersonIds) implements Decision {
        public DecisionType type() { return DecisionType.EVALUATE; }
    }

    record Close(Sealed reason, List<String> aboutPersonIds) implements Decision {
        public DecisionType type() { return DecisionType.CLOSE; }
    }

    record Suspend(Sealed reason, List<String> aboutPersonIds) implements Decision {
        public DecisionType type() { return DecisionType.SUSPEND; }
    }

    record ResourceGap(Sealed description, List<String> aboutPersonIds) implements Decision {
        public DecisionType type() { return DecisionType.RESOURCE_GAP; }
    }

    record Refer(String toAgencyId, Set<InformationCategory> categories) implements Decision {
        public DecisionType type() { return DecisionType.REFER; }
    }

    /**
     * A 支援会議's decision: the direction of support ({@code direction}), whether the person is watched over for now
     * (見守り), what each agency does now ({@code actions}) and when the meeting looks at the case again.
     */
    record SetDirection(Sealed direction, boolean watchOver, List<PlanRole> actions, LocalDate nextReviewOn,
                        List<String> aboutPersonIds) implements Decision {
        public DecisionType type() { return DecisionType.SET_DIRECTION; }
    }
}
