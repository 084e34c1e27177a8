package fr.eterrain.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The dev app synthesized once for the whole test run (a synth goes through node and takes seconds), with the
 * context of cdk.json so tests see what {@code cdk synth} produces, and placeholder code instead of jars.
 */
final class Synthesized {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> TEMPLATE = new TypeReference<>() { };
    private static Synthesized dev;

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
        CloudAssembly assembly = app.synth();
        for (Stack stack : allStacks()) {
            Object template = assembly.getStackByName(stack.getStackName()).getTemplate();
            json.put(stack.getStackName(), JSON.valueToTree(template));
            templates.put(stack.getStackName(), Template.fromJSON(JSON.convertValue(template, TEMPLATE)));
        }
    }

    static synchronized Synthesized dev() {
        if (dev == null) {
            dev = new Synthesized(Map.of("stage", "dev"));
        }
        return dev;
    }

    List<Stack> allStacks() {
        List<Stack> all = new ArrayList<>(List.of(stacks.secrets(), stacks.platform()));
        all.addAll(stacks.federations());
        all.add(stacks.api());
        return all;
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
