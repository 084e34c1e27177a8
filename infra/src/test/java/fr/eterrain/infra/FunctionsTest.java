package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.wiring.Wiring;
import fr.eterrain.core.wiring.Wiring.FunctionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Every wiring function deploys as Java 25 on arm64 with SnapStart, bounded logs, and its async plumbing. */
class FunctionsTest {
    private static Synthesized app;
    private static Wiring wiring;
    private static Template api;
    private static JsonNode resources;

    @BeforeAll
    static void synth() {
        app = Synthesized.dev();
        wiring = Wiring.load();
        api = app.template(app.stacks.api());
        resources = app.resources(app.stacks.api());
    }

    @Test
    void everyFunctionAsWired() {
        api.resourceCountIs("AWS::Lambda::Function", wiring.functions().size());
        for (FunctionSpec spec : wiring.functions().values()) {
            api.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", "eterrain-dev-" + spec.name(),
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "Handler", spec.handler() + "::handleRequest",
                    "MemorySize", spec.memoryMb(),
                    "Timeout", spec.timeoutSeconds(),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        }
    }

    @Test
    void everyFunctionHasALiveAliasOnAPublishedVersion() {
        api.resourceCountIs("AWS::Lambda::Alias", wiring.functions().size());
        api.resourceCountIs("AWS::Lambda::Version", wiring.functions().size());
        api.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version")))));
    }

    @Test
    void dispatcherAndFeedbackKeepReservedConcurrencyAndNoOtherFunctionReservesAny() {
        Map<String, JsonNode> functions = byType("AWS::Lambda::Function");
        Map<String, Integer> reserved = new HashMap<>();
        functions.values().forEach(f -> {
            JsonNode value = f.path("Properties").path("ReservedConcurrentExecutions");
            if (!value.isMissingNode()) {
                reserved.put(f.path("Properties").path("FunctionName").asText(), value.asInt());
            }
        });
        assertEquals(Set.of("eterrain-dev-dispatcher", "eterrain-dev-feedback"), reserved.keySet());
        reserved.values().forEach(n -> assertTrue(n >= 10, "enough to keep sending and counting: " + n));
        assertEquals(wiring.functions().get("dispatcher").reservedConcurrency(), reserved.get("eterrain-dev-dispatcher"));
    }

    @Test
    void everyFunctionLogsToAGroupWithRetention() {
        Map<String, JsonNode> functions = byType("AWS::Lambda::Function");
        for (JsonNode function : functions.values()) {
            String group = function.path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asText();
            JsonNode logs = resources.path(group);
            assertEquals("AWS::Logs::LogGroup", logs.path("Type").asText());
            assertEquals(90, logs.path("Properties").path("RetentionInDays").asInt());
        }
    }

    @Test
    void everyFunctionGetsTheSettingsItReads() {
        for (JsonNode function : byType("AWS::Lambda::Function").values()) {
            JsonNode env = function.path("Properties").path("Environment").path("Variables");
            for (String name : List.of("STAGE", "TABLE_PREFIX", "PUBLIC_BASE_URL", "EVENT_BUS_NAME", "MAIL_DOMAIN",
                    "SES_CONFIGURATION_SET")) {
                assertTrue(env.has(name), function.path("Properties").path("FunctionName") + " lacks " + name);
            }
            assertEquals("eterrain-dev", env.path("TABLE_PREFIX").asText());
        }
    }

    @Test
    void rulesAndSchedulesTargetTheLiveAliasWithADeadLetterQueue() {
        api.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "eterrain-dev"));
        String bus = byType("AWS::Events::EventBus").keySet().iterator().next();
        // The wiring rules, plus the two that forward SES and S3 events from the default bus.
        api.resourceCountIs("AWS::Events::Rule", wiring.rules().size() + 2);
        for (Wiring.Rule rule : wiring.rules()) {
            api.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "Name", "eterrain-dev-" + rule.name(),
                    "EventBusName", Map.of("Ref", bus),
                    "EventPattern", Map.of("source", rule.source(), "detail-type", rule.detailType()),
                    "Targets", List.of(Match.objectLike(Map.of(
                            "Arn", Map.of("Ref", aliasOf(rule.function())),
                            "DeadLetterConfig", Match.objectLike(Map.of()))))));
        }
        api.resourceCountIs("AWS::Scheduler::Schedule", wiring.schedules().size());
        for (Wiring.Schedule schedule : wiring.schedules()) {
            api.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "Name", "eterrain-dev-" + schedule.name(),
                    "ScheduleExpression", schedule.expression(),
                    "ScheduleExpressionTimezone", schedule.timezone(),
                    "Target", Match.objectLike(Map.of(
                            "Arn", Map.of("Ref", aliasOf(schedule.function())),
                            "DeadLetterConfig", Match.objectLike(Map.of())))));
        }
    }

    @Test
    void asyncFunctionsSendFailuresToAQueue() {
        Set<String> async = ApiStack.asyncFunctions(wiring);
        api.resourceCountIs("AWS::Lambda::EventInvokeConfig", async.size());
        for (String function : async) {
            api.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                    "FunctionName", Map.of("Ref", functionOf(function)),
                    "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue()))));
        }
    }

    private static String functionOf(String name) {
        return byType("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> e.getValue().path("Properties").path("FunctionName").asText()
                        .equals("eterrain-dev-" + name))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static String aliasOf(String name) {
        String function = functionOf(name);
        return byType("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> e.getValue().path("Properties").path("FunctionName").path("Ref").asText().equals(function))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static Map<String, JsonNode> byType(String type) {
        Map<String, JsonNode> found = new HashMap<>();
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }
}
