package jp.kasane.api.application;

import jp.kasane.core.access.Caller;
import jp.kasane.core.meeting.Decision;
import jp.kasane.core.meeting.DecisionType;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.commands.AcknowledgeConfidentiality;
import jp.kasane.core.meeting.commands.ConveneMeeting;
import jp.kasane.core.meeting.commands.TakeDecisions;
import jp.kasane.core.supportcase.commands.AcknowledgeConfidentialityForCase;
import jp.kasane.core.supportcase.commands.ApplyMeetingDecisions;
import jp.kasane.core.supportcase.commands.CaseChange;
import jp.kasane.core.supportcase.commands.TableCaseAtMeeting;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Meetings touch several aggregates: the meeting and each case on its agenda. Each use case sends its commands
 * inside the request's single transaction, so a refusal on any case (e.g. CONSENT_REQUIRED) records nothing at all.
 */
@Service
public class MeetingService {

    private final CommandGateway commands;

    public MeetingService(CommandGateway commands) {
        this.commands = commands;
    }

    public String convene(Caller caller, MeetingKind kind, LocalDate heldOn, Set<String> attendees, List<String> caseIds) {
        String meetingId = UUID.randomUUID().toString();
        Set<String> everyone = new LinkedHashSet<>(attendees);
        everyone.add(caller.agencyId());
        for (String caseId : new LinkedHashSet<>(caseIds)) {
            commands.sendAndWait(new TableCaseAtMeeting(caseId, caller, meetingId, kind, heldOn, everyone));
        }
        commands.sendAndWait(new ConveneMeeting(meetingId, caller, kind, heldOn, everyone, caseIds));
        return meetingId;
    }

    public void acknowledge(Caller caller, String meetingId, String agencyId) {
        List<String> caseIds = commands.sendAndWait(new AcknowledgeConfidentiality(meetingId, caller, agencyId));
        for (String caseId : caseIds) {
            commands.sendAndWait(new AcknowledgeConfidentialityForCase(caseId, meetingId, agencyId));
        }
    }

    public CaseChange decide(Caller caller, String meetingId, String caseId, Long expectedVersion, List<Decision> decisions) {
        List<DecisionType> types = decisions.stream().map(Decision::type).toList();
        commands.sendAndWait(new TakeDecisions(meetingId, caller, caseId, types));
        return commands.sendAndWait(new ApplyMeetingDecisions(caseId, caller, expectedVersion, meetingId, decisions));
    }
}
