package jp.kasane.api.config.database;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Turns "the database is not there" into one short startup failure report instead of a 200-line stack trace:
 * <pre>
 * Description:
 *   Kasane cannot reach its database at jdbc:postgresql://localhost:5999/kasane: Connection refused.
 * Action:
 *   Check spring.datasource.url / username / password, ...
 * </pre>
 * It recognises, anywhere in the cause chain: {@link DatabaseUnreachableException} (the check made before the
 * context starts, {@link DatabaseStartupCheck}), {@link EmbeddedDatabaseException}, and any {@link SQLException} of
 * a failed connection or login (SQLState classes 08 and 28, unknown database, server starting or full), such as the
 * one Flyway or HikariCP throws when the database goes away between that check and their first connection.
 * Passwords are never printed: they are masked in URLs and removed from messages.
 *
 * <p>Registered in {@code META-INF/spring.factories}.
 */
public class DatabaseFailureAnalyzer implements FailureAnalyzer {

    static final String EXTERNAL_ACTION = "Check spring.datasource.url / spring.datasource.username / "
            + "spring.datasource.password and that PostgreSQL runs and accepts connections from this host, "
            + "or remove spring.datasource.url to use the embedded database.";

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@?]+):[^@/?]*@");

    private final Environment environment;

    public DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        DatabaseUnreachableException unreachable = find(failure, DatabaseUnreachableException.class);
        if (unreachable != null) {
            return new FailureAnalysis(scrub(unreachable.getMessage() + "."), EXTERNAL_ACTION, unreachable);
        }
        EmbeddedDatabaseException embedded = find(failure, EmbeddedDatabaseException.class);
        if (embedded != null) {
            return new FailureAnalysis(scrub(embedded.getMessage() + "."), oneLine(embedded.getAction()), embedded);
        }
        SQLException connectionFailure = findConnectionFailure(failure);
        if (connectionFailure != null) {
            String url = environment.getProperty(EmbeddedDatabaseConfiguration.URL_PROPERTY);
            String where = StringUtils.hasText(url) ? "its database at " + maskUrl(url) : "its embedded database";
            String description = "Kasane cannot reach " + where + ": " + reason(connectionFailure) + ".";
            String action = StringUtils.hasText(url) ? EXTERNAL_ACTION
                    : "Check that the embedded PostgreSQL in kasane.data-dir is running and restart Kasane.";
            return new FailureAnalysis(scrub(description), action, connectionFailure);
        }
        return null;
    }

    /** The first SQLException in the chain that means "no connection", or null. */
    static SQLException findConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                return sql;
            }
        }
        return null;
    }

    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")
                    || state.equals("57P03") || state.equals("53300")) {
                return true;
            }
        }
        Throwable root = innermost(e);
        return root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof SocketTimeoutException || root instanceof NoRouteToHostException;
    }

    /** A short reason: "Connection refused", "unknown host db.example", "password authentication failed ...". */
    static String reason(SQLException e) {
        Throwable root = innermost(e);
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof SocketTimeoutException) {
            return "connection timed out";
        }
        if (root instanceof IOException && StringUtils.hasText(root.getMessage())) {
            return oneLine(root.getMessage());
        }
        String message = e.getMessage();
        if (!StringUtils.hasText(message)) {
            return e.getClass().getSimpleName() + (e.getSQLState() != null ? " (SQLState " + e.getSQLState() + ")" : "");
        }
        String first = message.lines().filter(StringUtils::hasText).findFirst().orElse(message).trim();
        return oneLine(first.replaceFirst("^(FATAL|ERROR):\\s*", ""));
    }

    /** {@code jdbc:postgresql://host:5432/db?user=u&password=secret} with the password replaced by {@code ******}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1******");
        return URL_USERINFO.matcher(masked).replaceAll("$1:******@");
    }

    /** Collapses line breaks and runs of white space so a message stays one log line. */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** Belt and braces: remove the configured password wherever it might have crept into a message. */
    private String scrub(String text) {
        String result = oneLine(text);
        String password = environment.getProperty("spring.datasource.password");
        if (StringUtils.hasText(password) && password.length() >= 3) {
            result = result.replace(password, "******");
        }
        return result;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null && t instanceof SQLException sql) {
            cause = sql.getNextException();
        }
        return cause == t ? null : cause;
    }

    private static Throwable innermost(Throwable t) {
        Throwable current = t;
        for (int depth = 0; depth < 50; depth++) {
            Throwable cause = next(current);
            if (cause == null) {
                return current;
            }
            current = cause;
        }
        return current;
    }
}
