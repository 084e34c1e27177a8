package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.wiring.Wiring;
import fr.eterrain.core.wiring.Grant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No wildcard actions, no "*" resources on data, and each function only gets the services it was given. */
class LeastPrivilegeTest {
    private static Synthesized app;

    @BeforeAll
    static void synth() {
        app = Synthesized.dev();
    }

    @Test
    void noWildcardActionAnywhere() {
        for (var policy : policies().entrySet()) {
            for (JsonNode statement : policy.getValue()) {
                for (String action : strings(statement.path("Action"))) {
                    assertFalse(action.contains("*"), policy.getKey() + " allows " + action);
                }
            }
        }
    }

    @Test
    void noDataStatementOnEveryResource() {
        for (var policy : policies().entrySet()) {
            for (JsonNode statement : policy.getValue()) {
                boolean data = strings(statement.path("Action")).stream()
                        .anyMatch(a -> a.startsWith("dynamodb:") || a.startsWith("kms:"));
                if (data) {
                    for (JsonNode resource : list(statement.path("Resource"))) {
                        assertFalse(resource.isTextual() && resource.asText().equals("*"),
                                policy.getKey() + " grants " + statement.path("Action") + " on *");
                    }
                }
            }
        }
    }

    @Test
    void federationTablesAreGrantedByTheStagePattern() {
        String policies = app.json.get(app.stacks.api().getStackName()).toString();
        assertTrue(policies.contains(":table/eterrain-dev-fed-*\""), "federation table pattern");
        assertTrue(policies.contains(":table/eterrain-dev-fed-*/index/*\""), "federation index pattern");
        assertFalse(policies.contains(":table/*"), "a grant on every table");
    }

    @Test
    void functionRolesCarryNoManagedPolicies() {
        app.resourcesOfType("AWS::IAM::Role").forEach((id, role) ->
                assertTrue(role.path("Properties").path("ManagedPolicyArns").isMissingNode(), id));
    }

    @Test
    void onlyMailingFunctionsMaySendMailAndOnlyPublishersMayPutEvents() {
        for (Wiring.FunctionSpec spec : Wiring.load().functions().values()) {
            String function = spec.name();
            String policy = functionPolicy(function);
            assertEquals(FunctionAccess.of(spec).contains(Grant.SEND_MAIL), policy.contains("ses:SendEmail"),
                    function);
            assertEquals(FunctionAccess.of(spec).contains(Grant.PUT_EVENTS), policy.contains("events:PutEvents"),
                    function);
            assertEquals(FunctionAccess.of(spec).contains(Grant.FEDERATION_SCAN), policy.contains("dynamodb:Scan"),
                    function);
        }
    }

    @Test
    void thePublicTrackingFunctionsHoldOnlyTheirHotPathAndTheTokenKeys() {
        for (String function : List.of("pixel", "redirect")) {
            String policy = functionPolicy(function);
            for (String forbidden : List.of("dynamodb:Query", "dynamodb:GetItem\"", "dynamodb:DeleteItem", "dynamodb:Scan",
                    "dynamodb:BatchWriteItem", "-platform", "ses:", "events:", "s3:", "HASHKEY", "DATAKEY")) {
                assertFalse(policy.contains(forbidden), function + " holds " + forbidden + ": " + policy);
            }
            for (String needed : List.of("dynamodb:BatchGetItem", "dynamodb:UpdateItem", "dynamodb:PutItem", "TOKENKEYS")) {
                assertTrue(policy.contains(needed), function + " lacks " + needed);
            }
            JsonNode env = functionResource(function).path("Properties").path("Environment").path("Variables");
            assertTrue(env.has("TOKEN_KEYS_ARN"), function);
            assertFalse(env.has("HASH_KEY_ARN") || env.has("DATA_KEY_ARN") || env.has("SECRETS_ARN"),
                    function + " is given keys it does not use: " + env);
        }
    }

    @Test
    void eachFunctionReadsExactlyTheSecretsItsGrantsName() {
        for (Wiring.FunctionSpec spec : Wiring.load().functions().values()) {
            String policy = functionPolicy(spec.name());
            JsonNode env = functionResource(spec.name()).path("Properties").path("Environment").path("Variables");
            for (Grant key : List.of(Grant.TOKEN_KEYS, Grant.HASH_KEY, Grant.DATA_KEY)) {
                boolean granted = FunctionAccess.of(spec).contains(key);
                assertEquals(granted, policy.contains(key.name().replace("_", "")), spec.name() + " reads " + key);
                assertEquals(granted, env.has(key.name() + "_ARN"), spec.name() + " is given " + key);
            }
            assertFalse(env.has("SECRETS_ARN"), "no secret holds every key");
        }
    }

    private static JsonNode functionResource(String function) {
        for (var e : iterable(app.resources(app.stacks.api()))) {
            if (e.getValue().path("Type").asText().equals("AWS::Lambda::Function")
                    && e.getValue().path("Properties").path("FunctionName").asText().equals("eterrain-dev-" + function)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no function " + function);
    }

    /** The statements attached to one function's role, as text. */
    private static String functionPolicy(String function) {
        JsonNode resources = app.resources(app.stacks.api());
        String roleId = null;
        for (var e : iterable(resources)) {
            JsonNode props = e.getValue().path("Properties");
            if (props.path("FunctionName").asText().equals("eterrain-dev-" + function)
                    && e.getValue().path("Type").asText().equals("AWS::Lambda::Function")) {
                roleId = props.path("Role").path("Fn::GetAtt").path(0).asText();
            }
        }
        StringBuilder text = new StringBuilder();
        for (var e : iterable(resources)) {
            if (e.getValue().path("Type").asText().equals("AWS::IAM::Policy")) {
                for (JsonNode role : e.getValue().path("Properties").path("Roles")) {
                    if (role.path("Ref").asText().equals(roleId)) {
                        text.append(e.getValue().path("Properties").path("PolicyDocument"));
                    }
                }
            }
        }
        assertFalse(text.isEmpty(), "no policy for " + function);
        return text.toString();
    }

    private static Map<String, JsonNode> policies() {
        Map<String, JsonNode> statements = new LinkedHashMap<>();
        app.resourcesOfType("AWS::IAM::Policy").forEach((id, policy) ->
                statements.put(id, policy.path("Properties").path("PolicyDocument").path("Statement")));
        return statements;
    }

    private static List<String> strings(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else if (!node.isMissingNode()) {
            values.add(node);
        }
        return values;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node.properties();
    }
}
