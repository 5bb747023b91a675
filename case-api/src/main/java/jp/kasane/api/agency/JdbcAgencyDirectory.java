package jp.kasane.api.agency;

import jp.kasane.core.agency.Agency;
import jp.kasane.core.agency.AgencyDirectory;
import jp.kasane.core.agency.AgencyType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agency registry in table {@code agency}. Agencies change rarely, so the whole registry is cached in memory;
 * this node's own additions invalidate the cache at once, and the cache is reloaded after {@link #MAX_AGE} so
 * that agencies added on another node appear too. A {@link #find} miss always asks the database, so an agency
 * added elsewhere is found immediately.
 */
@Repository
public class JdbcAgencyDirectory implements AgencyDirectory {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final RowMapper<Agency> ROW = (rs, n) ->
            new Agency(rs.getString("id"), rs.getString("name"), AgencyType.valueOf(rs.getString("type")));

    private record Snapshot(List<Agency> all, Map<String, Agency> byId, Instant loadedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    @org.springframework.beans.factory.annotation.Autowired
    public JdbcAgencyDirectory(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    JdbcAgencyDirectory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Agency> find(String agencyId) {
        if (agencyId == null) {
            return Optional.empty();
        }
        Agency cached = snapshot().byId().get(agencyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Agency> stored = jdbc.query("select id, name, type from agency where id = ?", ROW, agencyId)
                .stream().findFirst();
        stored.ifPresent(a -> invalidate());
        return stored;
    }

    /** Every agency, sorted by id. */
    @Override
    public List<Agency> all() {
        return snapshot().all();
    }

    /**
     * Adds an agency.
     *
     * @return false when an agency with this id already exists (nothing is changed then)
     */
    public boolean add(Agency agency) {
        int inserted = jdbc.update("insert into agency (id, name, type) values (?, ?, ?) on conflict (id) do nothing",
                agency.id(), agency.name(), agency.type().name());
        invalidate();
        return inserted == 1;
    }

    /** Adds the agency, or sets the name and type of the existing one with its id (the demo municipality). */
    public void upsert(Agency agency) {
        jdbc.update("""
                insert into agency (id, name, type) values (?, ?, ?)
                on conflict (id) do update set name = excluded.name, type = excluded.type
                """, agency.id(), agency.name(), agency.type().name());
        invalidate();
    }

    /**
     * Puts the agencies into the registry if, and only if, it is empty (the production bootstrap): one statement,
     * so two nodes starting together fill it once between them.
     *
     * @return the number of agencies added; 0 when the registry already held any
     */
    public int fillIfEmpty(List<Agency> agencies) {
        int added = jdbc.execute((java.sql.Connection connection) -> {
            try (var statement = connection.prepareStatement("""
                    insert into agency (id, name, type)
                    select * from unnest(?::varchar[], ?::varchar[], ?::varchar[])
                    where not exists (select 1 from agency)
                    on conflict (id) do nothing
                    """)) {
                statement.setArray(1, connection.createArrayOf("varchar", agencies.stream().map(Agency::id).toArray()));
                statement.setArray(2, connection.createArrayOf("varchar", agencies.stream().map(Agency::name).toArray()));
                statement.setArray(3, connection.createArrayOf("varchar",
                        agencies.stream().map(a -> a.type().name()).toArray()));
                return statement.executeUpdate();
            }
        });
        invalidate();
        return added;
    }

    /** Forgets the cached registry; the next read loads it again. */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || current.loadedAt().plus(MAX_AGE).isBefore(now)) {
            List<Agency> all = List.copyOf(jdbc.query("select id, name, type from agency order by id", ROW));
            current = new Snapshot(all, all.stream().collect(Collectors.toUnmodifiableMap(Agency::id, Function.identity())), now);
            snapshot = current;
        }
        return current;
    }
}
