package jp.kasane.core.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a case knows of a meeting that tabled it: enough to decide Art. 106-6 access without reading the meeting.
 *
 * @param accessUntil end of the window in which 支援会議 attendees may see the case
 */
public record MeetingOnCase(String meetingId, MeetingKind kind, LocalDate heldOn, String convenerAgencyId,
                            Set<String> attendeeAgencyIds, Instant accessUntil,
                            Map<String, Instant> acknowledgedAt) {

    public MeetingOnCase acknowledgedBy(String agencyId, Instant at) {
        Map<String, Instant> acks = new LinkedHashMap<>(acknowledgedAt);
        acks.putIfAbsent(agencyId, at);
        return new MeetingOnCase(meetingId, kind, heldOn, convenerAgencyId, attendeeAgencyIds, accessUntil, acks);
    }

    /** Art. 106-6 access: an attendee who acknowledged 守秘義務, from that moment until the window closes. */
    public boolean grantsSupportMeetingAccess(String agencyId, Instant now) {
        if (!kind.grantsConfidentialAccess() || !attendeeAgencyIds.contains(agencyId)) {
            return false;
        }
        Instant ack = acknowledgedAt.get(agencyId);
        return ack != null && !now.isBefore(ack) && now.isBefore(accessUntil);
    }
}
