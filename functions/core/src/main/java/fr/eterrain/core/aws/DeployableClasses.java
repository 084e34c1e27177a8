package fr.eterrain.core.aws;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * SnapStart priming, second half: loads (without initialising) every class of the deployable, so that a restored
 * container does not read and parse, on its first requests, the classes of the routes the priming request did not
 * take. A deployable holds only what its function uses (see its pom), and Lambda gives the snapshot's init phase
 * far more time than this takes (about a second for the largest). Lambda unpacks the jar into /var/task; the
 * benchmark runs it as a jar: both are read.
 */
final class DeployableClasses {
    private DeployableClasses() {
    }

    /** @return how many classes were loaded */
    static int load(List<String> entries) {
        ClassLoader loader = DeployableClasses.class.getClassLoader();
        int loaded = 0;
        for (String name : names(entries)) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class for a library the deployable leaves out (an optional dependency): never used either
            }
        }
        return loaded;
    }

    static List<String> names(List<String> entries) {
        return entries.stream()
                .filter(e -> e.endsWith(".class") && !e.startsWith("META-INF/") && !e.endsWith("module-info.class"))
                .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.'))
                .toList();
    }

    /** The request and event schemas the deployable carries, by the name {@code validation.Schemas} takes. */
    static List<String> schemas(List<String> entries) {
        return entries.stream()
                .filter(e -> e.startsWith("eterrain/schemas/") && e.endsWith(".json"))
                .map(e -> e.substring("eterrain/schemas/".length(), e.length() - ".json".length()))
                .filter(n -> !n.startsWith("responses/") && !n.startsWith("openapi"))
                .toList();
    }

    /** Every file of the deployable, as a jar entry name. */
    static List<String> entries() {
        try {
            Path where = Path.of(DeployableClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> entries = new ArrayList<>();
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where)) {
                    files.filter(Files::isRegularFile).forEach(f -> entries.add(where.relativize(f).toString().replace(File.separatorChar, '/')));
                }
            } else {
                try (ZipFile zip = new ZipFile(where.toFile())) {
                    Collections.list(zip.entries()).forEach(e -> entries.add(e.getName()));
                }
            }
            return entries;
        } catch (IOException | URISyntaxException | SecurityException e) {
            return List.of();
        }
    }
}
