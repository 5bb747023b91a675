package jp.kasane.core.meeting;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.personaldata.Sealed;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** One decision of a meeting about one case. Free text arrives sealed. */
public sealed interface Decision {

    DecisionType type();

    record AcceptForSupport() implements Decision {
        public DecisionType type() { return DecisionType.ACCEPT_FOR_SUPPORT; }
    }

    record AdoptPlan(List<Sealed> goals, List<PlanRole> roles, String leadAgencyId, LocalDate reviewOn) implements Decision {
        public DecisionType type() { return DecisionType.ADOPT_PLAN; }
    }

    record ApproveParticipationSupport(String partnerAgencyId) implements Decision {
        public DecisionType type() { return DecisionType.APPROVE_PARTICIPATION_SUPPORT; }
    }

    record Evaluate(Sealed evaluation) implements Decision {
        public DecisionType type() { return DecisionType.EVALUATE; }
    }

    record Close(Sealed reason) implements Decision {
        public DecisionType type() { return DecisionType.CLOSE; }
    }

    record Suspend(Sealed reason) implements Decision {
        public DecisionType type() { return DecisionType.SUSPEND; }
    }

    record ResourceGap(Sealed description) implements Decision {
        public DecisionType type() { return DecisionType.RESOURCE_GAP; }
    }

    record Refer(String toAgencyId, Set<InformationCategory> categories) implements Decision {
        public DecisionType type() { return DecisionType.REFER; }
    }
}
