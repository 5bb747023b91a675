package jp.kasane.projections;

import java.util.Collections;

/**
 * A read model's table whose rows are only ever inserted, each once under its key: a row an event adds and nothing
 * changes after. Live, a row is inserted doing nothing when its key is there already (an event delivered again); in a
 * replaying batch the rows go out by PostgreSQL's {@code COPY} ({@link ProjectionWrites#insert}).
 */
public final class InsertOnlyTable {

    private final String name;
    private final String insertSql;
    private final CopyRows copy;

    /**
     * @param name    the table (our own schema's, never from input)
     * @param key     the columns of its primary key, as the conflict target
     * @param columns the columns a row gives values for, in order
     */
    public InsertOnlyTable(String name, String key, String... columns) {
        this.name = name;
        this.insertSql = "insert into " + name + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", Collections.nCopies(columns.length, "?")) + ") on conflict (" + key + ") do nothing";
        this.copy = new CopyRows(name, columns);
    }

    public String name() {
        return name;
    }

    /** The insert of one row that does nothing when the key is there already. */
    public String insertSql() {
        return insertSql;
    }

    /** Its rows sent by {@code COPY}. */
    CopyRows copy() {
        return copy;
    }

    @Override
    public String toString() {
        return name;
    }
}
