package jp.kasane.projections.people;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Reads the person index. Eventually consistent with the events ({@code people} processor). */
@Component
public class PersonIndexQueries {

    private final JdbcTemplate jdbc;

    public PersonIndexQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The case the person belongs to; empty for an id no case has (yet) recorded. */
    public Optional<String> caseOf(String personId) {
        List<String> rows = jdbc.queryForList("select case_id from person_index where person_id = ?", String.class,
                personId);
        return rows.stream().findFirst();
    }
}
