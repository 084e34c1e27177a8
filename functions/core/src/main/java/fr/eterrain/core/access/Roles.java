package fr.eterrain.core.access;

import fr.eterrain.core.wiring.Wiring;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The role matrix of the wiring table, asked questions: what a role (with or without the send right) may do, what
 * a key's scopes give it, who may grant which role. Declared once in {@code wiring.json}; nothing here lists a
 * permission by name except the two the platform itself relies on.
 */
public final class Roles {
    public static final String PUBLIC = "public";
    public static final String SELF = "self";

    private final Wiring.AccessMatrix matrix;

    public Roles(Wiring.AccessMatrix matrix) {
        this.matrix = matrix;
    }

    private static volatile Roles standard;

    /** The matrix of the packaged wiring table, read once. */
    public static Roles standard() {
        if (standard == null) {
            standard = new Roles(Wiring.load().access());
        }
        return standard;
    }

    public Wiring.AccessMatrix matrix() {
        return matrix;
    }

    public Optional<Wiring.RoleSpec> role(String name) {
        return Optional.ofNullable(name == null ? null : matrix.roles().get(name));
    }

    public boolean isRole(String name) {
        return role(name).isPresent();
    }

    /** Whether a role belongs to HQ people (hq-*), rather than to a federation's. */
    public boolean isHqRole(String name) {
        return role(name).map(Wiring.RoleSpec::hq).orElse(false);
    }

    public Set<String> permissionsOf(String roleName, boolean send) {
        Wiring.RoleSpec role = role(roleName).orElseThrow(() -> new IllegalArgumentException("unknown role " + roleName));
        Set<String> permissions = new LinkedHashSet<>(role.permissions());
        if (send) {
            permissions.addAll(role.withSend());
        }
        return Set.copyOf(permissions);
    }

    /** What a key issued before scopes keeps: its legacy role's permissions, but those people keep to themselves. */
    public Set<String> legacyKeyPermissions(String scope) {
        String role = matrix.legacyKeys().get(Caller.HQ.equals(scope) ? Caller.HQ : "federation");
        Set<String> permissions = new LinkedHashSet<>(permissionsOf(role, true));
        permissions.removeAll(matrix.keysNever());
        return Set.copyOf(permissions);
    }

    /** The permissions a key may carry: a federation's, the key scopes; an HQ key's, any; never those of keysNever. */
    public boolean keyMayCarry(String scope, String permission) {
        if (matrix.keysNever().contains(permission)) {
            return false;
        }
        return Caller.HQ.equals(scope) ? matrix.permissions().containsKey(permission) : matrix.keyScopes().contains(permission);
    }

    public Set<String> keyPermissions(ApiKey key) {
        if (key.scopes().isEmpty()) {
            return legacyKeyPermissions(key.scope());
        }
        return Set.copyOf(key.scopes().stream().filter(p -> keyMayCarry(key.scope(), p)).toList());
    }

    /** The roles a person may be given at this home: hq-* at HQ only, federation roles in a federation only. */
    public List<String> rolesFor(String home) {
        boolean hq = Caller.HQ.equals(home);
        return matrix.roles().values().stream().filter(r -> r.hq() == hq).map(Wiring.RoleSpec::name).toList();
    }
}
