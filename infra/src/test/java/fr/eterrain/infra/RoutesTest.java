package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.wiring.Wiring;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API is the wiring table's routes, no more, no fewer, each on its function's live alias. */
class RoutesTest {
    private static Synthesized app;
    private static Wiring wiring;

    @BeforeAll
    static void synth() {
        app = Synthesized.dev();
        wiring = Wiring.load();
    }

    @Test
    void everyWiringRouteAndNothingElse() {
        Map<String, String> expected = wiring.routes().stream()
                .collect(Collectors.toMap(Wiring.Route::routeKey, Wiring.Route::function));
        assertEquals(wiring.routes().size(), expected.size(), "duplicate route keys in wiring.json");
        assertEquals(expected, deployedRoutes());
    }

    @Test
    void oneIntegrationPerFunction() {
        Set<String> httpFunctions = wiring.routes().stream().map(Wiring.Route::function).collect(Collectors.toSet());
        app.template(app.stacks.api()).resourceCountIs("AWS::ApiGatewayV2::Integration", httpFunctions.size());
        JsonNode resources = app.resources(app.stacks.api());
        Set<String> targets = new HashSet<>();
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Integration")) {
                JsonNode props = e.getValue().path("Properties");
                assertEquals("AWS_PROXY", props.path("IntegrationType").asText());
                assertEquals("2.0", props.path("PayloadFormatVersion").asText());
                targets.add(aliasFunction(resources, props.path("IntegrationUri").path("Ref").asText()));
            }
        });
        assertEquals(httpFunctions, targets);
    }

    @Test
    void everyPublicRouteIsThrottledBelowTheStageAndKeyedRoutesKeepTheStageThrottle() {
        JsonNode stage = app.resourcesOfType("AWS::ApiGatewayV2::Stage").values().iterator().next().path("Properties");
        int stageRate = stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt();
        JsonNode settings = stage.path("RouteSettings");
        Set<String> throttled = new HashSet<>();
        settings.properties().forEach(e -> {
            throttled.add(e.getKey());
            assertTrue(e.getValue().path("ThrottlingRateLimit").asInt() > 0, e.getKey() + " in CloudFormation's names: " + e.getValue());
            assertTrue(e.getValue().path("ThrottlingRateLimit").asInt() < stageRate, e.getKey());
            assertTrue(e.getValue().path("ThrottlingBurstLimit").asInt() >= e.getValue().path("ThrottlingRateLimit").asInt(), e.getKey());
        });
        Set<String> publicRoutes = wiring.routes().stream().filter(r -> r.access().equals("public"))
                .map(Wiring.Route::routeKey).collect(Collectors.toSet());
        assertEquals(publicRoutes, throttled, "every public route, and only them");
        assertEquals(20, settings.path("POST /v1/federations/{fed}/signups").path("ThrottlingRateLimit").asInt());
    }

    /** Route key to the wiring name of the function behind it: route → integration → alias → function. */
    private static Map<String, String> deployedRoutes() {
        JsonNode resources = app.resources(app.stacks.api());
        Map<String, String> routes = new HashMap<>();
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::ApiGatewayV2::Route")) {
                JsonNode props = e.getValue().path("Properties");
                String integration = props.path("Target").path("Fn::Join").path(1).path(1).path("Ref").asText();
                String alias = resources.path(integration).path("Properties").path("IntegrationUri").path("Ref")
                        .asText();
                routes.put(props.path("RouteKey").asText(), aliasFunction(resources, alias));
            }
        });
        return routes;
    }

    private static String aliasFunction(JsonNode resources, String aliasId) {
        JsonNode alias = resources.path(aliasId).path("Properties");
        assertEquals(EterrainFunction.ALIAS, alias.path("Name").asText(), aliasId + " is not the live alias");
        String functionId = alias.path("FunctionName").path("Ref").asText();
        return resources.path(functionId).path("Properties").path("FunctionName").asText()
                .substring("eterrain-dev-".length());
    }
}
