package fr.eterrain.core.access;

import java.util.Set;

/**
 * Who is calling: a signed-in person (from a session cookie) or a machine (from an API key). {@code home} is the
 * federation id the caller belongs to, or {@code HQ}; HQ callers act for any federation. {@code permissions} are
 * the caller's whole set, from the role matrix of the wiring table (a person's role and send right, a key's scopes).
 */
public record Caller(Kind kind, String id, String role, String home, Set<String> permissions, String displayName,
                     String sessionHash) {
    public static final String HQ = "HQ";

    public enum Kind { PERSON, KEY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Caller {
        permissions = Set.copyOf(permissions);
    }

    /** A key issued before scopes: the legacy permissions of the wiring table. */
    public Caller(String keyId, String scope) {
        this(Kind.KEY, keyId, HQ.equals(scope) ? "hq" : "federation", scope, Roles.standard().legacyKeyPermissions(scope),
                null, null);
    }

    /** A key's caller; its role is {@code hq} or {@code federation}, as the audit log always said. */
    public static Caller key(String keyId, String scope, Set<String> permissions) {
        return new Caller(Kind.KEY, keyId, HQ.equals(scope) ? "hq" : "federation", scope, permissions, null, null);
    }

    public boolean isHq() {
        return HQ.equals(home);
    }

    public boolean isPerson() {
        return kind == Kind.PERSON;
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    /** The federation (or HQ) the caller belongs to; kept for callers of the key-only era. */
    public String scope() {
        return home;
    }

    /** The key id, or the person's id: what the audit log and "issued by" name. */
    public String keyId() {
        return id;
    }

    /** How this caller is named in records: {@code person:<id>} or {@code key:<id>}. */
    public String actor() {
        return kind.label() + ":" + id;
    }
}
