package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import fr.eterrain.core.wiring.Grant;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;

/** The wiring table's grant names are all known to infra, and each maps to narrow IAM. */
class GrantsTest {

    @Test
    void everyGrantNameInTheWiringTableIsKnownToInfra() throws IOException {
        // The file itself, not the copy packaged in core: a grant added there must be mapped here.
        JsonNode wiring = Json.parse(Files.readString(Path.of("..", "functions", "wiring.json")));
        Set<String> known = Arrays.stream(Grant.values()).map(Grant::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        wiring.path("functions").properties().forEach(f -> f.getValue().path("grants").forEach(g -> {
            if (!known.contains(g.asText())) {
                unknown.add(f.getKey() + ": " + g.asText());
            }
        }));
        assertEquals(Set.of(), unknown, "add these grants to fr.eterrain.core.wiring.Grant and map them in AccessPolicies");
        Wiring.load().functions().values().forEach(spec -> assertDoesNotThrow(() -> FunctionAccess.of(spec)));
    }

    @Test
    void anUnknownGrantFailsWithAClearMessage() {
        Wiring.FunctionSpec spec = new Wiring.FunctionSpec("x", "x.X", 512, 10, "", List.of("NEWSLETTER_QUEUE"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionAccess.of(spec));
        assertTrue(e.getMessage().contains("unknown grant NEWSLETTER_QUEUE"), e.getMessage());
    }

    @Test
    void everyGrantMapsToStatementsWithExplicitActions() {
        Stack stack = stack();
        AccessPolicies policies = policies(stack);
        for (Grant grant : Grant.values()) {
            List<JsonNode> statements = resolved(stack, policies.statements(Set.of(grant)));
            assertFalse(statements.isEmpty(), grant.name());
            for (JsonNode statement : statements) {
                actions(statement).forEach(a -> assertFalse(a.contains("*"), grant + " allows " + a));
            }
        }
    }

    @Test
    void contentGrantsReachOnlyTheObjectsOfTheContentBucket() {
        Stack stack = stack();
        AccessPolicies policies = policies(stack);
        JsonNode read = resolved(stack, policies.statements(Set.of(Grant.CONTENT_BUCKET_READ))).get(0);
        JsonNode write = resolved(stack, policies.statements(Set.of(Grant.CONTENT_BUCKET_WRITE))).get(0);
        assertEquals(AccessPolicies.OBJECT_READ, actions(read));
        assertEquals(AccessPolicies.OBJECT_WRITE, actions(write));
        for (JsonNode statement : List.of(read, write)) {
            String resource = statement.path("Resource").toString();
            assertTrue(resource.contains(":s3:::eterrain-dev-content/*"), resource);
        }
    }

    @Test
    void everyGrantsWildcardResourceCarriesItsNagSuppression() {
        // One function with every grant, checked by cdk-nag: an unsuppressed wildcard fails the synth.
        String grants = Arrays.stream(Grant.values()).map(g -> "\"" + g.name() + "\"")
                .collect(Collectors.joining(","));
        Wiring wiring = Wiring.parse(Json.parse("{\"functions\": {\"all\": {\"handler\": \"x.All\", \"grants\": ["
                + grants + "]}}}"));
        App app = new App();
        ApiStack api = Synthesized.apiStackAlone(app, wiring);
        Aspects.of(api).add(new AwsSolutionsChecks());
        assertDoesNotThrow(() -> Template.fromStack(api));
    }

    private static Stack stack() {
        StageConfig config = StageConfig.from(App.Builder.create().context(Map.of("stage", "dev", "region",
                "eu-west-3")).build().getNode());
        return new Stack(new App(), "grants", StackProps.builder().env(config.env()).build());
    }

    private static AccessPolicies policies(Stack stack) {
        StageConfig config = StageConfig.from(App.Builder.create().context(Map.of("stage", "dev", "region",
                "eu-west-3")).build().getNode());
        Key key = new Key(stack, "Key");
        return new AccessPolicies(stack, config, List.of(key), key, "arn:aws:events:eu-west-3:1:event-bus/x",
                Map.of(Grant.TOKEN_KEYS, "arn:aws:secretsmanager:eu-west-3:1:secret:eterrain-dev/token-keys-AbCdEf",
                        Grant.HASH_KEY, "arn:aws:secretsmanager:eu-west-3:1:secret:eterrain-dev/hash-key-AbCdEf",
                        Grant.DATA_KEY, "arn:aws:secretsmanager:eu-west-3:1:secret:eterrain-dev/data-key-AbCdEf"));
    }

    private static List<JsonNode> resolved(Stack stack, List<PolicyStatement> statements) {
        List<JsonNode> json = new ArrayList<>();
        statements.forEach(s -> json.add(Json.mapper().valueToTree(stack.resolve(s.toStatementJson()))));
        return json;
    }

    private static List<String> actions(JsonNode statement) {
        List<String> actions = new ArrayList<>();
        JsonNode node = statement.path("Action");
        if (node.isArray()) {
            node.forEach(a -> actions.add(a.asText()));
        } else {
            actions.add(node.asText());
        }
        return actions;
    }

    @Test
    void aSecretGrantReadsThatSecretAndNoOther() {
        Stack stack = stack();
        AccessPolicies policies = policies(stack);
        List<JsonNode> token = resolved(stack, policies.statements(Set.of(Grant.TOKEN_KEYS)));
        assertEquals(1, token.size());
        assertEquals(List.of("secretsmanager:GetSecretValue"), actions(token.get(0)));
        assertEquals("arn:aws:secretsmanager:eu-west-3:1:secret:eterrain-dev/token-keys-AbCdEf", token.get(0).path("Resource").asText());
    }

    @Test
    void theTrackingGrantAllowsTheHotPathOnlyOnFederationTables() {
        Stack stack = stack();
        List<JsonNode> statements = resolved(stack, policies(stack).statements(Set.of(Grant.FEDERATION_TRACKING)));
        List<String> actions = statements.stream().flatMap(st -> actions(st).stream()).filter(a -> a.startsWith("dynamodb:")).sorted().toList();
        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), actions);
        assertFalse(statements.toString().contains("-platform"), "no platform table");
    }
}
