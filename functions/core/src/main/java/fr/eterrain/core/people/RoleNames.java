package fr.eterrain.core.people;

import java.util.Map;

/** The roles as people read them in emails. */
final class RoleNames {
    private static final Map<String, String> FRENCH = Map.of("hq-admin", "administrateur·rice du siège",
            "hq-staff", "membre de l'équipe du siège", "coordinator", "coordinateur·rice", "editor", "bénévole (rédaction)",
            "e-militant", "e-militant·e");

    private RoleNames() {
    }

    static String french(String role) {
        return FRENCH.getOrDefault(role, role);
    }
}
