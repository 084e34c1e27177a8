package fr.eterrain.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's permission matrix says what wiring.json declares: one row per permission, one column per role. */
class ReadmeMatrixTest {
    @Test
    void theReadmeMatrixIsTheDeclaredOne() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        int start = readme.indexOf("<!-- matrix:start -->");
        int end = readme.indexOf("<!-- matrix:end -->");
        assertTrue(start > 0 && end > start, "the README has its matrix between the markers");
        Wiring wiring = Wiring.load();
        Wiring.AccessMatrix matrix = wiring.access();
        List<String> roles = new ArrayList<>(matrix.roles().keySet());
        List<String> expected = new ArrayList<>();
        expected.add("| Permission | " + String.join(" | ", roles.stream().map(r -> "`" + r + "`").toList())
                + " | federation key scope | routes |");
        expected.add("|---|" + "---|".repeat(roles.size()) + "---|---|");
        for (String permission : matrix.permissions().keySet()) {
            if (permission.equals("public")) {
                continue;
            }
            StringBuilder row = new StringBuilder("| `" + permission + "` | ");
            for (String role : roles) {
                Wiring.RoleSpec spec = matrix.roles().get(role);
                row.append(spec.permissions().contains(permission) ? "✓" : spec.withSend().contains(permission) ? "with send" : "")
                        .append(" | ");
            }
            row.append(matrix.keyScopes().contains(permission) ? "✓" : "").append(" | ")
                    .append(wiring.routes().stream().filter(r -> r.permission().equals(permission)).count()).append(" |");
            expected.add(row.toString());
        }
        List<String> actual = readme.substring(start, end).lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                "regenerate the README's matrix from functions/wiring.json");
    }
}
