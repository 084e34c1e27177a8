package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.wiring.Wiring;
import fr.eterrain.core.wiring.Wiring.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Every function is deployed from its own lean jar (issue 15): the shaded {@code <name>-<version>-lambda.jar} of its
 * module, never the thin jar beside it nor another function's; and, where the build has made them, each jar carries
 * only the AWS service modules its grants can use and a single HTTP client.
 */
class LeanCodeTest {
    private static final Wiring WIRING = Wiring.load();

    @Test
    void eachFunctionsAssetIsItsOwnLambdaJar(@TempDir Path root) throws IOException {
        for (FunctionSpec spec : WIRING.functions().values()) {
            Path target = Files.createDirectories(root.resolve(spec.module()).resolve("target"));
            for (String file : List.of(spec.name() + "-0.1.0-SNAPSHOT.jar", spec.name() + "-0.1.0-SNAPSHOT-tests.jar",
                    spec.name() + "-0.1.0-SNAPSHOT-lambda.jar")) {
                Files.writeString(target.resolve(file), file);
            }
        }
        StageConfig config = config(root, FunctionCode.Mode.JARS);
        for (FunctionSpec spec : WIRING.functions().values()) {
            Code code = FunctionCode.of(spec, config);
            Path asset = Path.of(((AssetCode) code).getPath());
            assertEquals(root.resolve(spec.module()).resolve("target").resolve(spec.name() + "-0.1.0-SNAPSHOT-lambda.jar"),
                    asset, spec.name());
        }
    }

    @Test
    void aThinJarAloneIsNoDeployable(@TempDir Path root) throws IOException {
        FunctionSpec pixel = WIRING.functions().get("pixel");
        Path target = Files.createDirectories(root.resolve(pixel.module()).resolve("target"));
        Files.writeString(target.resolve("pixel-0.1.0-SNAPSHOT.jar"), "thin");
        assertThrows(IllegalStateException.class, () -> FunctionCode.of(pixel, config(root, FunctionCode.Mode.JARS)));
    }

    /** The built jars (after `./mvnw package`, as in `make test`): what each carries follows from its grants. */
    @Test
    void builtJarsCarryOnlyWhatTheirGrantsUse() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        int checked = 0;
        for (FunctionSpec spec : WIRING.functions().values()) {
            Optional<Path> jar = FunctionCode.jar(repo.resolve(spec.module()).resolve("target"), spec.name());
            if (jar.isEmpty()) {
                continue;
            }
            checked++;
            Set<String> services = new TreeSet<>();
            boolean apache = false;
            boolean netty = false;
            boolean sdk = false;
            try (ZipFile zip = new ZipFile(jar.get().toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    String name = e.getName();
                    String[] parts = name.split("/");
                    if (name.startsWith("software/amazon/awssdk/services/") && parts.length > 5) {
                        services.add(parts[4]);
                    }
                    apache |= name.startsWith("org/apache/http/") || name.startsWith("org/apache/hc/")
                            || name.startsWith("software/amazon/awssdk/http/apache");
                    netty |= name.startsWith("io/netty/") || name.startsWith("software/amazon/awssdk/http/nio/netty");
                    sdk |= name.startsWith("software/amazon/awssdk/");
                }
            }
            assertFalse(apache, spec.name() + " carries an Apache HTTP client");
            assertFalse(netty, spec.name() + " carries Netty");
            assertTrue(allowed(spec).containsAll(services), spec.name() + " carries " + services + ", its grants use "
                    + allowed(spec));
            // The public links reach DynamoDB and their key's secret through core's direct client (aws.lite): a class
            // of the SDK in their jar means something on their path needs it, and would fail there without it.
            assertFalse(SDK_FREE.contains(spec.name()) && sdk, spec.name() + " carries AWS SDK classes");
        }
        if (checked == 0) {
            System.out.println("LeanCodeTest: no function jar built yet (./mvnw package builds them); contents not checked");
        }
    }

    /** The functions whose deployable holds no AWS SDK at all. */
    static final Set<String> SDK_FREE = Set.of("pixel", "redirect");

    /**
     * The SDK service packages a function's grants can use: DynamoDB, and S3 where the content bucket is granted.
     * Mail, events and keys go through core's direct client (aws.lite): no function carries SES, EventBridge or
     * Secrets Manager.
     */
    static Set<String> allowed(FunctionSpec spec) {
        Set<String> allowed = new TreeSet<>(Set.of("dynamodb"));
        List<String> g = spec.grants();
        // The national selection signs its thumbnails' links (S3Presigner, no call to the bucket).
        if (g.stream().anyMatch(x -> x.startsWith("CONTENT_BUCKET")) || spec.name().equals("selection")) {
            allowed.add("s3");
        }
        return allowed;
    }

    private static StageConfig config(Path root, FunctionCode.Mode mode) {
        return new StageConfig("dev", Environment.builder().region("eu-west-3").build(), "e-terrain.example",
                Optional.empty(), mode, root, Optional.empty(), "bucket", List.of());
    }
}
