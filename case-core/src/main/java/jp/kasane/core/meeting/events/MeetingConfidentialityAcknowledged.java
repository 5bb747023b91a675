package jp.kasane.core.meeting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An attendee acknowledged the confidentiality duty (守秘義務). */
@JsonTypeName("kasane.MeetingConfidentialityAcknowledged")
@Revision("1")
public record MeetingConfidentialityAcknowledged(String meetingId, String agencyId, Instant acknowledgedAt) {
}
