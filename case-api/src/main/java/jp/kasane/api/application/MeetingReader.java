package jp.kasane.api.application;

import jp.kasane.core.access.Caller;
import jp.kasane.core.meeting.MeetingKind;
import jp.kasane.core.meeting.MeetingRecord;
import jp.kasane.core.rules.RuleViolation;
import jp.kasane.projections.Page;
import jp.kasane.projections.meetings.MeetingIndexQueries;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads meetings back. One meeting is folded from its own events, so the {@code Location} a convening answers
 * resolves at once; a list comes from the meeting index (eventually consistent) and each of its meetings is folded
 * the same way. Whoever {@link MeetingRecord#mayBeReadBy} refuses finds no such meeting.
 */
@Service
public class MeetingReader {

    private final EventStore eventStore;
    private final MeetingIndexQueries index;

    public MeetingReader(EventStore eventStore, MeetingIndexQueries index) {
        this.eventStore = eventStore;
        this.index = index;
    }

    public MeetingRecord read(Caller caller, String meetingId) {
        return load(meetingId).filter(m -> m.mayBeReadBy(caller.agencyId()))
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "NOT_FOUND", "No such meeting"));
    }

    public Page<MeetingRecord> list(Caller caller, LocalDate from, LocalDate to, MeetingKind kind, int page, int size) {
        Page<String> ids = index.meetingIds(caller.agencyId(), from, to, kind, page, size);
        List<MeetingRecord> items = ids.items().stream().map(this::load).flatMap(Optional::stream)
                .filter(m -> m.mayBeReadBy(caller.agencyId())).toList();
        return new Page<>(items, ids.page(), ids.size(), ids.total());
    }

    private Optional<MeetingRecord> load(String meetingId) {
        DomainEventStream stream = eventStore.readEvents(meetingId, 0);
        List<Object> payloads = new ArrayList<>();
        stream.forEachRemaining(e -> payloads.add(e.getPayload()));
        return MeetingRecord.fold(payloads);
    }
}
