package jp.kasane.api.application;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.meeting.Decision;
import jp.kasane.core.meeting.DecisionType;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.commands.AcknowledgeConfidentiality;
import jp.kasane.core.meeting.commands.ConveneMeeting;
import jp.kasane.core.meeting.commands.TakeDecisions;
import jp.kasane.core.meeting.events.MeetingConvened;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.core.supportcase.commands.AcknowledgeConfidentialityForCase;
import jp.kasane.core.supportcase.commands.ApplyMeetingDecisions;
import jp.kasane.core.supportcase.commands.CaseChange;
import jp.kasane.core.supportcase.commands.TableCaseAtMeeting;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Meetings touch several aggregates: the meeting and each case on its agenda. Each use case locks all of them at
 * once (one sorted order, {@link CaseLocks}) and sends its commands inside the request's single transaction, so a
 * refusal on any case (e.g. CONSENT_REQUIRED) records nothing at all.
 */
@Service
public class MeetingService {

    private final CommandGateway commands;
    private final CaseLocks locks;
    private final EventStore eventStore;

    public MeetingService(CommandGateway commands, CaseLocks locks, EventStore eventStore) {
        this.commands = commands;
        this.locks = locks;
        this.eventStore = eventStore;
    }

    /** The meeting first (its date and attendees), then each case on the agenda, each deciding on its own rules. */
    public String convene(Caller caller, MeetingKind kind, LocalDate heldOn, List<String> attendees, List<String> caseIds,
                          Set<InformationCategory> categories) {
        String meetingId = UUID.randomUUID().toString();
        List<String> agenda = List.copyOf(new LinkedHashSet<>(caseIds));
        locks.forWriting(agenda);
        commands.sendAndWait(new ConveneMeeting(meetingId, caller, kind, heldOn, attendees, agenda));
        Set<String> everyone = new LinkedHashSet<>(attendees);
        everyone.add(caller.agencyId());
        for (String caseId : agenda) {
            commands.sendAndWait(new TableCaseAtMeeting(caseId, caller, meetingId, kind, heldOn, everyone, categories));
        }
        return meetingId;
    }

    public void acknowledge(Caller caller, String meetingId, String agencyId) {
        List<String> locked = new ArrayList<>(agendaOf(meetingId));
        locked.add(meetingId);
        locks.forWriting(locked);
        List<String> caseIds = commands.sendAndWait(new AcknowledgeConfidentiality(meetingId, caller, agencyId));
        for (String caseId : caseIds) {
            commands.sendAndWait(new AcknowledgeConfidentialityForCase(caseId, meetingId, agencyId));
        }
    }

    /** The case decides first (a caller without a basis on it learns nothing, not even whether it is on the agenda). */
    public CaseChange decide(Caller caller, String meetingId, String caseId, Long expectedVersion, List<Decision> decisions) {
        locks.forWriting(List.of(caseId, meetingId));
        CaseChange change = commands.sendAndWait(new ApplyMeetingDecisions(caseId, caller, expectedVersion, meetingId, decisions));
        List<DecisionType> types = decisions.stream().map(Decision::type).toList();
        commands.sendAndWait(new TakeDecisions(meetingId, caller, caseId, types));
        return change;
    }

    /** A meeting's agenda is fixed when it is convened: read from its first event, before anything is locked. */
    private List<String> agendaOf(String meetingId) {
        DomainEventStream stream = eventStore.readEvents(meetingId, 0);
        if (!stream.hasNext() || !(stream.next().getPayload() instanceof MeetingConvened convened)) {
            throw RuleViolation.notFound();
        }
        return convened.caseIds();
    }
}
