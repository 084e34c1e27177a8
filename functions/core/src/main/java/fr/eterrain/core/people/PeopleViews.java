package fr.eterrain.core.people;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.access.Roles;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** People as the API shows them (schemas/responses/person*.json). */
public final class PeopleViews {
    private PeopleViews() {
    }

    /** The signed-in person, with what they may do and for which federations. */
    public static ObjectNode me(Person p, Roles roles, FederationRegistry federations) {
        ObjectNode node = identity(p);
        node.put("lastSignInAt", text(p.lastSignInAt()));
        ArrayNode permissions = node.putArray("permissions");
        new TreeSet<>(roles.isRole(p.role()) ? roles.permissionsOf(p.role(), p.send()) : java.util.Set.of())
                .forEach(permissions::add);
        ArrayNode feds = node.putArray("federations");
        List<Federation> mayActFor = Caller.HQ.equals(p.home()) ? federations.all()
                : federations.find(p.home()).map(List::of).orElse(List.of());
        mayActFor.forEach(f -> feds.addObject().put("id", f.id()).put("name", f.name()));
        return node;
    }

    public static ObjectNode item(Person p) {
        ObjectNode node = identity(p);
        node.put("invitedBy", p.invitedBy());
        node.put("createdAt", p.createdAt().toString());
        node.put("lastSignInAt", text(p.lastSignInAt()));
        return node;
    }

    /** What every view of a person starts with: who they are, where, with which role and status. */
    private static ObjectNode identity(Person p) {
        ObjectNode node = Json.object();
        node.put("id", p.id());
        node.put("email", p.email());
        node.put("displayName", p.displayName());
        node.put("home", p.home());
        node.put("role", p.role());
        node.put("send", p.send());
        node.put("status", p.status().label());
        return node;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
