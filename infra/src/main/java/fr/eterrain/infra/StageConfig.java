package fr.eterrain.infra;

import fr.eterrain.core.store.TableLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.constructs.Node;

/**
 * What one deployment differs by, read from CDK context ({@code -c key=value}) then the environment. Nothing
 * account-specific lives in the code: the account comes from the CLI's credentials, the region from cdk.json.
 */
public record StageConfig(String stage, Environment env, String mailDomain, Optional<String> publicBaseUrl,
                          FunctionCode.Mode codeMode, Path repoRoot, Optional<String> alarmEmail,
                          String contentBucket, List<String> contentOrigins) {

    private static final Set<String> STAGES = Set.of("dev", "prod");
    static final String DEFAULT_REGION = "eu-west-3";
    static final String DEFAULT_MAIL_DOMAIN = "e-terrain.example";

    public static StageConfig from(Node context) {
        String stage = text(context, "stage").or(() -> env("ETERRAIN_STAGE")).orElse("dev");
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("stage must be one of " + STAGES + ", not " + stage);
        }
        // No account without credentials: stacks stay account-agnostic (Aws.ACCOUNT_ID) so synth works anywhere.
        // The region is pinned by cdk.json's context first: the CLI sets CDK_DEFAULT_REGION to us-east-1 when
        // the profile names none, and the data must not land there by accident.
        Environment env = Environment.builder()
                .account(env("CDK_DEFAULT_ACCOUNT").orElse(null))
                .region(text(context, "region").or(() -> env("CDK_DEFAULT_REGION")).orElse(DEFAULT_REGION))
                .build();
        Optional<String> mailDomain = text(context, "mailDomain");
        if (stage.equals("prod") && mailDomain.isEmpty()) {
            throw new IllegalArgumentException("prod needs the sending domain: -c mailDomain=...");
        }
        FunctionCode.Mode codeMode = text(context, "lambdaCode").map(FunctionCode.Mode::parse)
                .orElse(FunctionCode.Mode.JARS);
        Path root = text(context, "repoRoot").map(Path::of).orElseGet(StageConfig::findRepoRoot);
        // Bucket names are global: the default matches the local runtime, -c contentBucket=... if it is taken.
        String bucket = text(context, "contentBucket").orElse("eterrain-" + stage + "-content");
        // Browser origins allowed to PUT/GET through presigned URLs; "*" by default (see ContentStack).
        List<String> origins = text(context, "contentOrigins")
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList())
                .filter(list -> !list.isEmpty()).orElse(List.of("*"));
        return new StageConfig(stage, env, mailDomain.orElse(DEFAULT_MAIL_DOMAIN), text(context, "publicBaseUrl"),
                codeMode, root.toAbsolutePath().normalize(), text(context, "alarmEmail"), bucket, origins);
    }

    public boolean isProd() {
        return stage.equals("prod");
    }

    /** {@code eterrain-<stage>}: table prefix, bus name, resource names. */
    public String prefix() {
        return "eterrain-" + stage;
    }

    /** The SES configuration set every email goes through (and whose events reach the stage's bus). */
    public String configurationSet() {
        return prefix();
    }

    public RemovalPolicy removalPolicy() {
        return isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }

    public TableLayout tables() {
        return new TableLayout(prefix());
    }

    private static Optional<String> text(Node context, String key) {
        Object value = context.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    private static Optional<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The CLI runs the app from infra/, Maven runs tests from infra/: walk up to the wiring table. */
    private static Path findRepoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("functions/wiring.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no functions/wiring.json above " + Path.of("").toAbsolutePath()
                + "; pass -c repoRoot=...");
    }
}
