package fr.eterrain.core.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one wiring table ({@code functions/wiring.json}), packaged in core, read by the local runtime and CDK. */
public record Wiring(Map<String, FunctionSpec> functions, List<Route> routes, List<Rule> rules, List<Schedule> schedules) {

    /**
     * grants: what the function may touch ({@link Grant}: infra maps each to IAM statements, the local runtime checks
     * calls and secrets against them). reservedConcurrency: executions kept for the function whatever else runs (0:
     * none), so a flood on public routes cannot starve it.
     */
    public record FunctionSpec(String name, String handler, int memoryMb, int timeoutSeconds, String description,
                               List<String> grants, int reservedConcurrency) {
        public FunctionSpec(String name, String handler, int memoryMb, int timeoutSeconds, String description,
                            List<String> grants) {
            this(name, handler, memoryMb, timeoutSeconds, description, grants, 0);
        }

        /** The Maven module, hence the jar: functions/&lt;name&gt;/target/&lt;name&gt;-…-lambda.jar. */
        public String module() {
            return "functions/" + name;
        }
    }

    /** access: public (no key), federation (a federation's key or HQ), hq (HQ keys only). */
    public record Route(String method, String path, String function, String access) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    public record Rule(String name, List<String> source, List<String> detailType, String function) {
    }

    public record Schedule(String name, String expression, String timezone, String function) {
    }

    public static Wiring load() {
        return parse(Json.resource("eterrain/wiring.json"));
    }

    public static Wiring parse(JsonNode root) {
        Map<String, FunctionSpec> functions = new LinkedHashMap<>();
        root.path("functions").fields().forEachRemaining(e -> functions.put(e.getKey(), new FunctionSpec(e.getKey(),
                e.getValue().path("handler").asText(), e.getValue().path("memoryMb").asInt(512),
                e.getValue().path("timeoutSeconds").asInt(10), e.getValue().path("description").asText(""),
                strings(e.getValue().path("grants")), e.getValue().path("reservedConcurrency").asInt(0))));
        List<Route> routes = new ArrayList<>();
        for (JsonNode r : root.path("routes")) {
            routes.add(new Route(r.path("method").asText(), r.path("path").asText(), r.path("function").asText(),
                    r.path("access").asText()));
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            rules.add(new Rule(r.path("name").asText(), strings(r.path("source")), strings(r.path("detailType")),
                    r.path("function").asText()));
        }
        List<Schedule> schedules = new ArrayList<>();
        for (JsonNode s : root.path("schedules")) {
            schedules.add(new Schedule(s.path("name").asText(), s.path("expression").asText(),
                    s.path("timezone").asText("Europe/Paris"), s.path("function").asText()));
        }
        Wiring wiring = new Wiring(Map.copyOf(functions), List.copyOf(routes), List.copyOf(rules), List.copyOf(schedules));
        wiring.check();
        return wiring;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    /** A route or rule naming an unknown function is a build error, not a runtime surprise. */
    private void check() {
        routes.forEach(r -> requireFunction(r.function(), r.routeKey()));
        rules.forEach(r -> requireFunction(r.function(), r.name()));
        schedules.forEach(s -> requireFunction(s.function(), s.name()));
    }

    private void requireFunction(String function, String where) {
        if (!functions.containsKey(function)) {
            throw new IllegalStateException(where + " names unknown function " + function);
        }
    }
}
