package jp.kasane.core.meeting;

import jp.kasane.core.meeting.events.MeetingConfidentialityAcknowledged;
import jp.kasane.core.meeting.events.MeetingConvened;
import jp.kasane.core.meeting.events.MeetingDecisionsTaken;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A meeting as it can be read back (会議録の索引): kind, date, convener, attendees with their 守秘義務
 * acknowledgements, the agenda and which decisions it took on which case. It holds no personal data: what a
 * decision says about a case lives on that case, shown within the reader's basis there.
 *
 * <p>Who may read a meeting is decided here and nowhere else: its convening agency and its attendees
 * ({@link #readers}). Anyone else finds no such meeting.
 */
public record MeetingRecord(String meetingId, MeetingKind kind, LocalDate heldOn, String convenerAgencyId,
                            List<Attendee> attendees, List<String> caseIds, List<DecisionsOnCase> decisions) {

    /** An attending agency, and when it acknowledged 守秘義務 (null: not yet). */
    public record Attendee(String agencyId, Instant acknowledgedAt) {
    }

    /** The decision types the meeting took on one case, in the order taken. */
    public record DecisionsOnCase(String caseId, List<DecisionType> types) {
    }

    public MeetingRecord {
        attendees = List.copyOf(attendees);
        caseIds = List.copyOf(caseIds);
        decisions = List.copyOf(decisions);
    }

    /** The agencies that may read the meeting: its convener and its attendees. */
    public static Set<String> readers(MeetingConvened convened) {
        Set<String> readers = new LinkedHashSet<>();
        readers.add(convened.convenerAgencyId());
        readers.addAll(convened.attendeeAgencyIds());
        return readers;
    }

    public boolean mayBeReadBy(String agencyId) {
        return agencyId.equals(convenerAgencyId) || attendees.stream().anyMatch(a -> a.agencyId().equals(agencyId));
    }

    /** Folds a meeting's events, in order; empty when the first is not a {@link MeetingConvened}. */
    public static Optional<MeetingRecord> fold(Iterable<?> payloads) {
        MeetingRecord record = null;
        for (Object payload : payloads) {
            if (payload instanceof MeetingConvened e) {
                record = new MeetingRecord(e.meetingId(), e.kind(), e.heldOn(), e.convenerAgencyId(),
                        e.attendeeAgencyIds().stream().map(a -> new Attendee(a, null)).toList(), e.caseIds(), List.of());
            } else if (record == null) {
                return Optional.empty();
            } else if (payload instanceof MeetingConfidentialityAcknowledged e) {
                record = record.acknowledged(e.agencyId(), e.acknowledgedAt());
            } else if (payload instanceof MeetingDecisionsTaken e) {
                List<DecisionsOnCase> taken = new ArrayList<>(record.decisions);
                taken.add(new DecisionsOnCase(e.caseId(), List.copyOf(e.decisionTypes())));
                record = new MeetingRecord(record.meetingId, record.kind, record.heldOn, record.convenerAgencyId,
                        record.attendees, record.caseIds, taken);
            }
        }
        return Optional.ofNullable(record);
    }

    private MeetingRecord acknowledged(String agencyId, Instant at) {
        List<Attendee> updated = attendees.stream()
                .map(a -> a.agencyId().equals(agencyId) && a.acknowledgedAt() == null ? new Attendee(agencyId, at) : a)
                .toList();
        return new MeetingRecord(meetingId, kind, heldOn, convenerAgencyId, updated, caseIds, decisions);
    }
}
