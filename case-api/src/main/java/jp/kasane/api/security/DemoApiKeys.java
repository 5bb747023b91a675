package jp.kasane.api.security;

import jp.kasane.api.web.support.RequestRules;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.Role;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The demo API keys, kept only as SHA-256 hashes. A presented credential is hashed and compared with every
 * key's hash by {@link MessageDigest#isEqual} (constant time, and without stopping at the first match), so the
 * response time does not tell an attacker how much of a key was right.
 */
public final class DemoApiKeys {

    /** The optional header naming the staff member acting (an opaque id, never a name). */
    public static final String ACTOR_HEADER = RequestRules.ACTOR;

    private record Entry(byte[] hash, String agencyId, Set<Role> roles) {
    }

    private final List<Entry> entries;

    public DemoApiKeys(DemoMunicipality municipality) {
        this.entries = municipality.apiKeys().stream()
                .map(k -> new Entry(sha256(k.key()), k.agencyId(), Set.copyOf(k.roles())))
                .toList();
    }

    /**
     * The caller a demo key stands for, or empty when the credential is not a demo key.
     *
     * @param credential  the bearer value
     * @param actorHeader the {@value #ACTOR_HEADER} header, may be null; an invalid one is ignored
     */
    public Optional<Caller> authenticate(String credential, String actorHeader) {
        if (credential == null) {
            return Optional.empty();
        }
        byte[] presented = sha256(credential);
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(presented, entry.hash()) && match == null) {
                match = entry;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(match.agencyId(), actor(actorHeader, match.agencyId()), match.roles()));
    }

    static String actor(String actorHeader, String agencyId) {
        if (actorHeader != null && RequestRules.ACTOR_VALUE.matcher(actorHeader).matches()) {
            return actorHeader;
        }
        return agencyId + ":demo";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
