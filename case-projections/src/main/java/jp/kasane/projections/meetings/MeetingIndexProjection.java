package jp.kasane.projections.meetings;

import jp.kasane.projections.BatchedProjection;
import jp.kasane.projections.ReplayTables;

import jp.kasane.core.meeting.MeetingRecord;
import jp.kasane.core.meeting.events.MeetingConvened;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;

import static jp.kasane.projections.SqlValues.textArray;

/**
 * The meeting index: which meetings exist, when, of which kind, and who may read each (as
 * {@link MeetingRecord#readers} decides). A meeting's date, kind and attendees are fixed when it is convened, so one
 * event fills its row; a row delivered twice is kept once.
 */
@Component
@ProcessingGroup(MeetingIndexProjection.PROCESSING_GROUP)
public class MeetingIndexProjection extends BatchedProjection {

    public static final String PROCESSING_GROUP = "meetings";


    public MeetingIndexProjection(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @ResetHandler
    public void reset() {
        ReplayTables.empty(jdbc, "meeting_index");
    }

    @EventHandler
    public void on(MeetingConvened e) {
        writes.reorderable("""
                insert into meeting_index (meeting_id, kind, held_on, readers) values (?, ?, ?, ?::text[])
                on conflict (meeting_id) do nothing""",
                e.meetingId(), e.kind().name(), Date.valueOf(e.heldOn()), textArray(MeetingRecord.readers(e)));
    }
}
