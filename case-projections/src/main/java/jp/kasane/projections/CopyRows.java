package jp.kasane.projections;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

/**
 * A table's rows sent by PostgreSQL's {@code COPY … FROM STDIN} in its text format, on the connection of the current
 * transaction: one statement for a batch's rows of a table, where a JDBC batch executes an insert once per row (its
 * binding, its executor and its conflict check each time; docs/benchmarks.md). A row that breaks a constraint fails
 * the whole {@code COPY}, and with it the batch. For the rows a replay inserts into the tables its reset emptied.
 */
public final class CopyRows {

    private final String table;
    private final int columns;
    private final String sql;

    /** @param table the table (our own schema's, never from input); {@code columns} in the order rows give them */
    public CopyRows(String table, String... columns) {
        this.table = table;
        this.columns = columns.length;
        this.sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
    }

    /** Sends {@code rows} (values in the columns' order); returns how many rows the table took. */
    public long send(JdbcTemplate jdbc, List<Object[]> rows) {
        byte[] text = text(rows).getBytes(StandardCharsets.UTF_8);
        Long copied = jdbc.execute((ConnectionCallback<Long>) con -> {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                in.writeToCopy(text, 0, text.length);
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
        return copied == null ? 0 : copied;
    }

    /** The rows in COPY's text format: a tab between values, a line per row, {@code \N} for null. */
    String text(List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 96);
        for (Object[] row : rows) {
            if (row.length != columns) {
                throw new IllegalArgumentException(table + ": " + row.length + " values for " + columns + " columns");
            }
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                value(text, row[i]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void value(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String s) {
            escaped(text, s);
        } else if (value instanceof Timestamp t) {
            text.append(t.toInstant()); // ISO 8601 in UTC ("…Z"), which timestamptz reads as such
        } else if (value instanceof Boolean b) {
            text.append(b ? 't' : 'f');
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            text.append(value);
        } else if (value instanceof LocalDate d) {
            text.append(d);
        } else if (value instanceof String[] array) {
            escaped(text, arrayLiteral(array));
        } else {
            throw new IllegalArgumentException("no COPY text for a " + value.getClass().getName());
        }
    }

    /** A text array as PostgreSQL reads one: each element quoted (its quotes and backslashes escaped), or NULL. */
    private static String arrayLiteral(String[] array) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < array.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            if (array[i] == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int j = 0; j < array[i].length(); j++) {
                char c = array[i].charAt(j);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** COPY's text format reads a backslash as an escape, and tab, newline and carriage return as separators. */
    private static void escaped(StringBuilder text, String s) {
        int first = 0;
        while (first < s.length() && !special(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            text.append(s); // most values (ids, codes) need no escape: copied whole, not char by char
            return;
        }
        text.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
