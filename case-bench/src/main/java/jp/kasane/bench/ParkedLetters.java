package jp.kasane.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * One dead letter parked in every read model's queue ({@code -Dbench.parked-letters=true}), as a poison event leaves
 * one, for the rebuild measured after the application restarts on it: before each event a processor asks whether the
 * event's case is parked, and how it knows the answer decides whether a single letter costs a query per event
 * (docs/projections.md "Dead letters"). The letter is a copy of a real case's first event, parked for that case.
 */
final class ParkedLetters {

    /** The processing groups with a dead-letter queue (application.yml); the audit chain is not replayed. */
    static final List<String> GROUPS = List.of("caseload", "handoffs", "statistics", "meetings", "people");

    private ParkedLetters() {
    }

    /** Parks the letters; answers how many the queues hold afterwards. */
    static long park(AppUnderTest app) throws Exception {
        try (Connection c = app.database()) {
            String caseId;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select aggregateidentifier from domainevententry"
                         + " where sequencenumber = 0 order by globalindex limit 1")) {
                rs.next();
                caseId = rs.getString(1);
            }
            try (PreparedStatement p = c.prepareStatement("""
                    insert into deadletterentry (deadletteridentifier, processinggroup, sequenceidentifier, sequenceindex,
                        messagetype, eventidentifier, timestamp, payloadtype, payloadrevision, payload, metadata, type,
                        aggregateidentifier, sequencenumber, enqueuedat, lasttouched, causetype, causemessage)
                    select gen_random_uuid()::text, ?, aggregateidentifier, 0,
                        'org.axonframework.eventhandling.GenericDomainEventMessage', eventidentifier, timestamp,
                        payloadtype, payloadrevision, payload, metadata, type, aggregateidentifier, sequencenumber,
                        timestamp, timestamp, 'java.lang.IllegalStateException', 'parked by the benchmark'
                    from domainevententry where aggregateidentifier = ? and sequencenumber = 0""")) {
                for (String group : GROUPS) {
                    p.setString(1, group);
                    p.setString(2, caseId);
                    p.executeUpdate();
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from deadletterentry")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
