package fr.eterrain.infra;

import fr.eterrain.core.wiring.Wiring.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The deployable code of a function: the shaded jar {@code functions/<name>/target/<name>-<version>-lambda.jar}.
 * A fresh clone has no jars yet, so tests and {@code make synth} may fall back to {@code infra/placeholder-code}
 * (a zip without classes: it synthesizes, it does not run). {@code cdk diff/deploy} never use it.
 */
public final class FunctionCode {

    public enum Mode {
        /** The jars must exist (diff, deploy). */
        JARS,
        /** The jars when built, the placeholder otherwise (synth on a fresh clone). */
        JARS_OR_PLACEHOLDER,
        /** Always the placeholder (tests: fast, and independent of the build order). */
        PLACEHOLDER;

        static Mode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private FunctionCode() {
    }

    public static Code of(FunctionSpec function, StageConfig config) {
        Path placeholder = config.repoRoot().resolve("infra/placeholder-code");
        if (config.codeMode() == Mode.PLACEHOLDER) {
            return Code.fromAsset(placeholder.toString());
        }
        Optional<Path> jar = jar(config.repoRoot().resolve(function.module()).resolve("target"), function.name());
        if (jar.isPresent()) {
            return Code.fromAsset(jar.get().toString());
        }
        if (config.codeMode() == Mode.JARS_OR_PLACEHOLDER) {
            return Code.fromAsset(placeholder.toString());
        }
        throw new IllegalStateException("no " + function.module() + "/target/" + function.name()
                + "-*-lambda.jar: run ./mvnw package first (or -c lambdaCode=jars-or-placeholder to only synth)");
    }

    /** The newest one if several versions were built. */
    static Optional<Path> jar(Path target, String name) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String file = p.getFileName().toString();
                return file.startsWith(name + "-") && file.endsWith("-lambda.jar");
            }).max(Comparator.comparing(FunctionCode::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
