package jp.kasane.api.security;

/**
 * Thrown at start-up, before the database is contacted, when the demo API keys are switched on where they must
 * never be: with the {@code prod} profile or with an external database.
 */
public class DemoKeysNotAllowedException extends IllegalStateException {

    public DemoKeysNotAllowedException(String message) {
        super(message);
    }
}
