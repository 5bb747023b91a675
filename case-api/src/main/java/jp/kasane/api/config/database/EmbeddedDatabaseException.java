package jp.kasane.api.config.database;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL could not be started or used. The message is one line written for an operator;
 * {@link DatabaseFailureAnalyzer} turns it into the single startup failure report.
 */
public class EmbeddedDatabaseException extends RuntimeException {

    private final Path dataDirectory;
    private final String action;

    public EmbeddedDatabaseException(Path dataDirectory, String message, String action, Throwable cause) {
        super(DatabaseFailureAnalyzer.oneLine(message), cause);
        this.dataDirectory = dataDirectory;
        this.action = action;
    }

    public EmbeddedDatabaseException(Path dataDirectory, String message, String action) {
        this(dataDirectory, message, action, null);
    }

    /** The {@code kasane.data-dir} that was being used. */
    public Path getDataDirectory() {
        return dataDirectory;
    }

    /** What the operator should do about it. */
    public String getAction() {
        return action;
    }
}
