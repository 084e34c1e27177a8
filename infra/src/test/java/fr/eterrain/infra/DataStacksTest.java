package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationSeed;
import fr.eterrain.core.store.TableLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** One table per federation plus the platform table, all in the documented layout, all recoverable. */
class DataStacksTest {
    /** Headroom under CloudFormation's 500 resources per stack. */
    private static final int MAX_RESOURCES = 450;
    private static Synthesized app;

    @BeforeAll
    static void synth() {
        app = Synthesized.dev();
    }

    @Test
    void everyFederationHasItsTableAndThePlatformTableExists() {
        TableLayout layout = new TableLayout("eterrain-dev");
        List<Federation> federations = FederationSeed.load("e-terrain.example", List.of());
        assertEquals(102, federations.size());
        Set<String> expected = new TreeSet<>();
        federations.forEach(f -> expected.add(layout.federationTable(f.id())));
        expected.add(layout.platformTable());

        Set<String> deployed = new TreeSet<>();
        app.resourcesOfType("AWS::DynamoDB::Table").values()
                .forEach(t -> deployed.add(t.path("Properties").path("TableName").asText()));
        assertEquals(expected, deployed);
    }

    @Test
    void everyTableHasTheLayoutPitrAndItsStacksKmsKey() {
        for (Stack stack : dataStacks()) {
            Template template = app.template(stack);
            String key = onlyResource(stack, "AWS::KMS::Key");
            template.allResourcesProperties("AWS::DynamoDB::Table", Map.of(
                    "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                            Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                    "BillingMode", "PAY_PER_REQUEST",
                    "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                    "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS",
                            "KMSMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))),
                    "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                    "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of(
                            "IndexName", "gsi1",
                            "KeySchema", List.of(Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                                    Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE")),
                            "Projection", Map.of("ProjectionType", "ALL"))))));
            template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        }
    }

    @Test
    void federationStacksHoldAtMostAChunk() {
        for (Stack stack : app.stacks.federations()) {
            int tables = app.resourcesOfType("AWS::DynamoDB::Table").keySet().stream()
                    .filter(id -> id.startsWith(stack.getStackName() + "/")).toList().size();
            assertTrue(tables <= FederationChunks.SIZE, stack.getStackName() + " has " + tables + " tables");
        }
    }

    @Test
    void everyStackStaysFarFromTheResourceLimit() {
        for (Stack stack : app.allStacks()) {
            int count = app.resources(stack).size();
            assertTrue(count < MAX_RESOURCES, stack.getStackName() + " has " + count + " resources");
        }
    }

    @Test
    void nothingAccountSpecificInAnyTemplate() {
        app.json.forEach((stack, template) -> assertFalse(
                Pattern.compile("\\b\\d{12}\\b").matcher(template.toString()).find(),
                stack + " names an account"));
    }

    @Test
    void prodTablesAndKeysSurviveTheirStack() {
        // A single small stack in its own app: a second full synth would double the test time.
        StageConfig prod = Synthesized.prodConfig();
        App prodApp = new App();
        DataStack stack = new DataStack(prodApp, "eterrain-prod-data-test", prod, List.of("eterrain-prod-fed-01"));
        Template template = Template.fromStack(stack);
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true))));
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
        assertTrue(stack.getTerminationProtection(), "prod data stacks are termination-protected");
    }

    private static List<Stack> dataStacks() {
        List<Stack> stacks = new ArrayList<>(app.stacks.federations());
        stacks.add(app.stacks.platform());
        return stacks;
    }

    private static String onlyResource(Stack stack, String type) {
        Map<String, JsonNode> found = new HashMap<>();
        app.resources(stack).properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        assertEquals(1, found.size(), stack.getStackName() + " " + type);
        return found.keySet().iterator().next();
    }
}
