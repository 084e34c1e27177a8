package fr.eterrain.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root, where {@code local/} (node_modules, s3proxy classpath) and {@code .local/} (data) live.
 * Found by walking up from the working directory, so it works from the root (make), from a module (Maven
 * test runs) and from an IDE; {@code ETERRAIN_ROOT} (property or environment) overrides.
 */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Path find() {
        String explicit = System.getProperty("ETERRAIN_ROOT", System.getenv("ETERRAIN_ROOT"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("functions/wiring.json")) && Files.isDirectory(dir.resolve("local"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the e-terrain project root above " + start
                + " (set ETERRAIN_ROOT)");
    }
}
