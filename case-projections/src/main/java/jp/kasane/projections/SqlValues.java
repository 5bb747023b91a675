package jp.kasane.projections;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** Conversions between Java values and the PostgreSQL column types the read models use. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A parameter for a {@code ?::text[]} placeholder. */
    public static String[] textArray(Collection<?> values) {
        return values == null ? new String[0] : values.stream().map(Object::toString).toArray(String[]::new);
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
