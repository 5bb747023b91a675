package jp.kasane.core.meeting;

import jp.kasane.core.access.Caller;
import jp.kasane.core.meeting.commands.AcknowledgeConfidentiality;
import jp.kasane.core.meeting.commands.ConveneMeeting;
import jp.kasane.core.meeting.commands.TakeDecisions;
import jp.kasane.core.meeting.events.MeetingConfidentialityAcknowledged;
import jp.kasane.core.meeting.events.MeetingConvened;
import jp.kasane.core.meeting.events.MeetingDecisionsTaken;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.CaseRules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A meeting (重層的支援会議 or 支援会議): who convened it, who attends, which cases are on its agenda, which
 * attendees have acknowledged 守秘義務. What a meeting decides about a case is recorded on that case.
 */
public class Meeting {

    @AggregateIdentifier
    private String meetingId;
    private MeetingKind kind;
    private Set<String> attendees;
    private List<String> caseIds;
    private final Set<String> acknowledged = new HashSet<>();

    protected Meeting() {
        // for Axon
    }

    @CommandHandler
    public Meeting(ConveneMeeting cmd, CaseRules rules) {
        Set<String> attendees = new LinkedHashSet<>(cmd.attendeeAgencyIds());
        attendees.add(cmd.caller().agencyId());
        for (String agencyId : attendees) {
            if (!rules.agencies().exists(agencyId)) {
                throw RuleViolation.invalid("UNKNOWN_AGENCY", "No agency " + agencyId + " in the registry");
            }
        }
        apply(new MeetingConvened(cmd.meetingId(), cmd.kind(), cmd.heldOn(), cmd.caller().agencyId(), attendees,
                List.copyOf(new LinkedHashSet<>(cmd.caseIds()))));
    }

    /** Answers the cases on the agenda, to which the acknowledgement is carried over. */
    @CommandHandler
    public List<String> handle(AcknowledgeConfidentiality cmd, CaseRules rules) {
        Caller caller = cmd.caller();
        if (!attendees.contains(caller.agencyId())) {
            throw RuleViolation.notFound();
        }
        if (!caller.agencyId().equals(cmd.agencyId())) {
            throw RuleViolation.forbidden("NOT_AN_ATTENDEE", "An attendee acknowledges for its own agency only");
        }
        if (!acknowledged.contains(cmd.agencyId())) {
            apply(new MeetingConfidentialityAcknowledged(meetingId, cmd.agencyId(), rules.now()));
        }
        return caseIds;
    }

    @CommandHandler
    public MeetingKind handle(TakeDecisions cmd) {
        if (!attendees.contains(cmd.caller().agencyId())) {
            throw RuleViolation.notFound();
        }
        if (!caseIds.contains(cmd.caseId())) {
            throw RuleViolation.conflict("CASE_NOT_ON_AGENDA", "The case is not on this meeting's agenda");
        }
        for (DecisionType type : cmd.decisionTypes()) {
            if (!kind.mayDecide(type)) {
                throw RuleViolation.conflict("DECISION_NOT_ALLOWED", "A " + kind + " may not decide " + type);
            }
        }
        apply(new MeetingDecisionsTaken(meetingId, cmd.caseId(), cmd.decisionTypes()));
        return kind;
    }

    @EventSourcingHandler
    void on(MeetingConvened e) {
        meetingId = e.meetingId();
        kind = e.kind();
        attendees = e.attendeeAgencyIds();
        caseIds = e.caseIds();
    }

    @EventSourcingHandler
    void on(MeetingConfidentialityAcknowledged e) {
        acknowledged.add(e.agencyId());
    }
}
