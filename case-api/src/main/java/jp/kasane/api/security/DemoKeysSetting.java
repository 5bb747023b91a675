package jp.kasane.api.security;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import java.util.Locale;

/**
 * Whether the fixed demo API keys of API.md are accepted, decided once from the environment.
 *
 * <ul>
 *   <li>{@code kasane.security.demo-keys=true|false}: used as given, except that {@code true} together with the
 *       {@code prod} profile or an external database ({@code spring.datasource.url} set) refuses to start;</li>
 *   <li>empty (the default): on with the embedded database, off with the {@code prod} profile or an external
 *       database.</li>
 * </ul>
 *
 * @param enabled whether demo keys are accepted
 * @param reason  why, for the start-up log
 */
public record DemoKeysSetting(boolean enabled, String reason) {

    public static final String PROPERTY = "kasane.security.demo-keys";
    public static final String PROD_PROFILE = "prod";
    static final String DATASOURCE_URL = "spring.datasource.url";

    /**
     * Resolves the setting.
     *
     * @throws DemoKeysNotAllowedException when demo keys are explicitly on with the prod profile or an external database
     * @throws IllegalStateException       when the property is neither empty nor true/false
     */
    public static DemoKeysSetting resolve(Environment environment) {
        String raw = environment.getProperty(PROPERTY, "").trim();
        boolean prod = environment.acceptsProfiles(Profiles.of(PROD_PROFILE));
        boolean externalDatabase = StringUtils.hasText(environment.getProperty(DATASOURCE_URL));
        Boolean explicit = parse(raw);

        if (Boolean.TRUE.equals(explicit) && (prod || externalDatabase)) {
            String where = prod && externalDatabase ? "the 'prod' profile is active and spring.datasource.url is set"
                    : prod ? "the 'prod' profile is active" : "spring.datasource.url is set (an external database)";
            throw new DemoKeysNotAllowedException(
                    "Demo API keys are not allowed with the prod profile or an external database, but "
                            + PROPERTY + "=true and " + where + ". Anyone who has read the published demo keys "
                            + "could read every case. Remove KASANE_DEMO_KEYS / " + PROPERTY + " (or set it to "
                            + "false) and configure the identity provider with "
                            + "spring.security.oauth2.resourceserver.jwt.issuer-uri (see docs/security.md).");
        }
        if (explicit != null) {
            return new DemoKeysSetting(explicit, PROPERTY + "=" + explicit);
        }
        if (prod) {
            return new DemoKeysSetting(false, "the 'prod' profile is active");
        }
        if (externalDatabase) {
            return new DemoKeysSetting(false, "an external database is configured (spring.datasource.url)");
        }
        return new DemoKeysSetting(true, "the embedded database is in use and " + PROPERTY + " is not set");
    }

    private static Boolean parse(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalStateException(
                    PROPERTY + " must be true, false or empty (decided by the database in use), not '" + raw + "'");
        };
    }
}
