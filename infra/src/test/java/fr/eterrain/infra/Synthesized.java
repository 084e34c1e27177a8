package fr.eterrain.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.Secret;

/**
 * The dev app synthesized once for the whole test run (a synth goes through node and takes seconds), with the
 * context of cdk.json so tests see what {@code cdk synth} produces, and placeholder code instead of jars (and an
 * alarm email, so the optional subscription is tested too).
 */
final class Synthesized {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> TEMPLATE = new TypeReference<>() { };
    private static Synthesized dev;
    static final String ALARM_EMAIL = "hq-it@example.org";

    final EterrainStacks stacks;
    /** Stack name to template, for CDK assertions. */
    final Map<String, Template> templates = new LinkedHashMap<>();
    /** Stack name to template, for walking every resource. */
    final Map<String, JsonNode> json = new LinkedHashMap<>();

    private Synthesized(Map<String, Object> extraContext) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
        context.put("lambdaCode", "placeholder");
        context.putAll(extraContext);
        App app = App.Builder.create().context(context).outdir(outdir().toString()).build();
        stacks = EterrainStacks.create(app);
        CloudAssembly assembly;
        try {
            assembly = app.synth();
        } catch (RuntimeException e) {
            throw new IllegalStateException("synth failed (unsuppressed cdk-nag findings are errors):\n"
                    + validationReport(), e);
        }
        for (Stack stack : allStacks()) {
            CloudFormationStackArtifact artifact = assembly.getStackByName(stack.getStackName());
            Object template = artifact.getTemplate();
            json.put(stack.getStackName(), JSON.valueToTree(template));
            templates.put(stack.getStackName(), Template.fromJSON(JSON.convertValue(template, TEMPLATE)));
        }
    }

    static synchronized Synthesized dev() {
        if (dev == null) {
            dev = new Synthesized(Map.of("stage", "dev", "alarmEmail", ALARM_EMAIL));
        }
        return dev;
    }

    List<Stack> allStacks() {
        return stacks.all();
    }

    Template template(Stack stack) {
        return templates.get(stack.getStackName());
    }

    JsonNode resources(Stack stack) {
        return json.get(stack.getStackName()).path("Resources");
    }

    /** Every resource of one type across all stacks, by logical id (ids are unique enough for a message). */
    Map<String, JsonNode> resourcesOfType(String type) {
        return resourcesWhere(r -> type.equals(r.path("Type").asText()));
    }

    Map<String, JsonNode> resourcesWhere(Predicate<JsonNode> filter) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json.forEach((stack, template) -> template.path("Resources").properties().forEach(e -> {
            if (filter.test(e.getValue())) {
                found.put(stack + "/" + e.getKey(), e.getValue());
            }
        }));
        return found;
    }

    /** An API stack alone for a given wiring table, on stand-in keys and secret (a second full synth is slow). */
    static ApiStack apiStackAlone(App app, Wiring wiring) {
        StageConfig config = StageConfig.from(App.Builder.create().context(Map.of("stage", "dev", "region", "eu-west-3",
                "lambdaCode", "placeholder")).build().getNode());
        Stack deps = new Stack(app, "deps", StackProps.builder().env(config.env()).build());
        Key key = new Key(deps, "Key");
        java.util.Map<fr.eterrain.core.wiring.Grant, software.amazon.awscdk.services.secretsmanager.ISecret> secrets =
                new java.util.EnumMap<>(fr.eterrain.core.wiring.Grant.class);
        for (fr.eterrain.core.wiring.Grant g : fr.eterrain.core.wiring.Grant.values()) {
            if (g.isSecret()) {
                secrets.put(g, new Secret(deps, g.name()));
            }
        }
        ApiStack.Data data = new ApiStack.Data(List.of(key), key, secrets);
        return new ApiStack(app, "eterrain-dev-api", config, wiring, data);
    }

    /** A prod configuration for single small stacks built in their own app (no second full synth). */
    static StageConfig prodConfig() {
        return StageConfig.from(App.Builder.create().context(Map.of("stage", "prod", "mailDomain", "mail.example.org",
                "region", "eu-west-3", "lambdaCode", "placeholder")).build().getNode());
    }

    /** The violations of a failed synth, one rule a line with the construct paths it names. */
    private static String validationReport() {
        try {
            JsonNode report = JSON.readTree(outdir().resolve("validation-report.json").toFile());
            StringBuilder text = new StringBuilder();
            for (JsonNode plugin : report.path("pluginReports")) {
                for (JsonNode violation : plugin.path("violations")) {
                    text.append(violation.path("severity").asText()).append(' ')
                            .append(violation.path("description").asText().replaceAll("(?s)\\]?: .*", ""))
                            .append('\n');
                    violation.path("violatingConstructs").forEach(c ->
                            text.append("    ").append(c.path("constructPath").asText()).append('\n'));
                }
            }
            return text.toString();
        } catch (IOException e) {
            return "no validation report: " + e;
        }
    }

    /** cdk-nag's report of one stack: rule, resource path, compliance, reason, level (CSV written at synth). */
    List<List<String>> nagReport(Stack stack) {
        Path file = outdir().resolve("AwsSolutions-" + stack.getStackName() + "-NagReport.csv");
        try {
            return Files.readAllLines(file).stream().skip(1).map(Synthesized::csv).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    static Map<String, Object> cdkJsonContext() {
        try {
            JsonNode context = JSON.readTree(Path.of("cdk.json").toFile()).path("context");
            return JSON.convertValue(context, TEMPLATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path outdir() {
        try {
            return Files.createDirectories(Path.of("target", "cdk.out.test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
