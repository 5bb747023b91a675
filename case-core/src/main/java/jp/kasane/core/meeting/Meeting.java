package jp.kasane.core.meeting;

import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.access.Caller;
import jp.kasane.core.meeting.commands.AcknowledgeConfidentiality;
import jp.kasane.core.meeting.commands.ConveneMeeting;
import jp.kasane.core.meeting.commands.TakeDecisions;
import jp.kasane.core.meeting.events.MeetingConfidentialityAcknowledged;
import jp.kasane.core.meeting.events.MeetingConvened;
import jp.kasane.core.meeting.events.MeetingDecisionsTaken;
import jp.kasane.core.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A meeting (重層的支援会議 or 支援会議): who convened it, when, who attends, which cases are on its agenda, which
 * attendees have acknowledged 守秘義務. What a meeting decides about a case, and whether its kind may decide it, is
 * recorded and checked on that case; the meeting records that it took decisions.
 */
public class Meeting {

    @AggregateIdentifier
    private String meetingId;
    private Set<String> attendees;
    private List<String> caseIds;
    private final Set<String> acknowledged = new HashSet<>();

    protected Meeting() {
        // for Axon
    }

    @CommandHandler
    public Meeting(ConveneMeeting cmd, MeetingRules rules) {
        RuleViolation.Fields bad = new RuleViolation.Fields();
        if (!rules.acceptsHeldOn(cmd.heldOn())) {
            bad.add("HELD_ON_OUT_OF_RANGE", "heldOn", "must lie between " + MeetingRules.HELD_ON_DAYS_BACK
                    + " days ago and " + MeetingRules.HELD_ON_DAYS_AHEAD + " days ahead");
        }
        List<String> named = cmd.attendeeAgencyIds();
        for (int i = 0; i < named.size(); i++) {
            if (!rules.agencies().exists(named.get(i))) {
                bad.add("UNKNOWN_AGENCY", "attendees[" + i + "].agencyId", AgencyDirectory.NOT_REGISTERED);
            }
        }
        bad.throwIfAny();
        Set<String> everyone = new LinkedHashSet<>(named);
        everyone.add(cmd.caller().agencyId());
        apply(new MeetingConvened(cmd.meetingId(), cmd.kind(), cmd.heldOn(), cmd.caller().agencyId(), everyone,
                List.copyOf(new LinkedHashSet<>(cmd.caseIds()))));
    }

    /** Answers the cases on the agenda, to which the acknowledgement is carried over. */
    @CommandHandler
    public List<String> handle(AcknowledgeConfidentiality cmd, MeetingRules rules) {
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

    /** Records that the meeting took decisions on a case of its agenda; the case has already checked and applied them. */
    @CommandHandler
    public void handle(TakeDecisions cmd) {
        if (!attendees.contains(cmd.caller().agencyId())) {
            throw RuleViolation.notFound();
        }
        if (!caseIds.contains(cmd.caseId())) {
            throw RuleViolation.conflict("CASE_NOT_ON_AGENDA", "The case is not on this meeting's agenda");
        }
        apply(new MeetingDecisionsTaken(meetingId, cmd.caseId(), cmd.decisionTypes()));
    }

    @EventSourcingHandler
    void on(MeetingConvened e) {
        meetingId = e.meetingId();
        attendees = e.attendeeAgencyIds();
        caseIds = e.caseIds();
    }

    @EventSourcingHandler
    void on(MeetingConfidentialityAcknowledged e) {
        acknowledged.add(e.agencyId());
    }
}
