package jp.kasane.api.config.database;

/**
 * The configured external database ({@code spring.datasource.url}) cannot be reached or refuses the login. The URL
 * is kept with any password masked; the reason is one line and never contains the password.
 */
public class DatabaseUnreachableException extends RuntimeException {

    private final String maskedUrl;
    private final String reason;

    public DatabaseUnreachableException(String maskedUrl, String reason, Throwable cause) {
        super("Kasane cannot reach its database at " + maskedUrl + ": " + reason, cause);
        this.maskedUrl = maskedUrl;
        this.reason = reason;
    }

    public String getMaskedUrl() {
        return maskedUrl;
    }

    public String getReason() {
        return reason;
    }
}
