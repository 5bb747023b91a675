package jp.kasane.core.access;

import java.util.Set;

/**
 * Who is asking: the agency a credential belongs to, the person acting (an opaque staff id, never a name),
 * and the credential's roles.
 */
public record Caller(String agencyId, String actor, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
