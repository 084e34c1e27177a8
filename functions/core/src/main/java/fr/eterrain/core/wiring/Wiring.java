package fr.eterrain.core.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one wiring table ({@code functions/wiring.json}), packaged in core, read by the local runtime and CDK. */
public record Wiring(Map<String, FunctionSpec> functions, List<Route> routes, List<Rule> rules, List<Schedule> schedules,
                     AccessMatrix access) {

    public Wiring(Map<String, FunctionSpec> functions, List<Route> routes, List<Rule> rules, List<Schedule> schedules) {
        this(functions, routes, rules, schedules, AccessMatrix.EMPTY);
    }

    /**
     * The permission vocabulary, the roles (home HQ or a federation; their permissions; what the {@code send} right
     * adds), the scopes a federation's API key may carry, and which role's permissions keys issued before scopes
     * keep. Enforced by {@code fr.eterrain.core.access.Access}.
     */
    public record AccessMatrix(Map<String, String> permissions, Map<String, RoleSpec> roles, List<String> keyScopes,
                               Map<String, String> legacyKeys, List<String> keysNever) {
        public static final AccessMatrix EMPTY = new AccessMatrix(Map.of(), Map.of(), List.of(), Map.of(), List.of());

        /** A permission no federation role holds: only HQ people and HQ keys may use it. */
        public boolean hqOnly(String permission) {
            return roles.values().stream().filter(r -> !r.hq())
                    .noneMatch(r -> r.permissions().contains(permission) || r.withSend().contains(permission));
        }
    }

    public record RoleSpec(String name, boolean hq, List<String> permissions, List<String> withSend) {
    }

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

    /**
     * permission: the one the caller needs (public: none; self: a signed-in person); anyFederation: the {@code {fed}}
     * of the path names the owner of a shared item (the library), not a federation acted for. access, derived: public
     * (no key), hq (a permission only HQ holds) or federation (any other: a session or key of the federation, or HQ).
     */
    public record Route(String method, String path, String function, String access, String permission,
                        boolean anyFederation) {
        /** For tests of routing alone: the access level stands for the permission. */
        public Route(String method, String path, String function, String access) {
            this(method, path, function, access, access, false);
        }

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
        AccessMatrix access = accessMatrix(root);
        List<Route> routes = new ArrayList<>();
        for (JsonNode r : root.path("routes")) {
            String permission = r.path("permission").asText("");
            if (!permission.equals("public") && !access.permissions().containsKey(permission)) {
                throw new IllegalStateException(r.path("method").asText() + " " + r.path("path").asText()
                        + ": unknown permission '" + permission + "'");
            }
            String level = permission.equals("public") ? "public" : access.hqOnly(permission) ? "hq" : "federation";
            routes.add(new Route(r.path("method").asText(), r.path("path").asText(), r.path("function").asText(),
                    level, permission, r.path("reach").asText("own").equals("any")));
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
        Wiring wiring = new Wiring(Map.copyOf(functions), List.copyOf(routes), List.copyOf(rules), List.copyOf(schedules),
                access);
        wiring.check();
        return wiring;
    }

    private static AccessMatrix accessMatrix(JsonNode root) {
        Map<String, String> permissions = new LinkedHashMap<>();
        root.path("permissions").fields().forEachRemaining(e -> permissions.put(e.getKey(), e.getValue().asText()));
        Map<String, RoleSpec> roles = new LinkedHashMap<>();
        root.path("roles").fields().forEachRemaining(e -> {
            RoleSpec role = new RoleSpec(e.getKey(), e.getValue().path("home").asText().equals("HQ"),
                    strings(e.getValue().path("permissions")), strings(e.getValue().path("withSend")));
            java.util.stream.Stream.concat(role.permissions().stream(), role.withSend().stream())
                    .filter(p -> !permissions.containsKey(p)).findFirst().ifPresent(p -> {
                        throw new IllegalStateException("role " + role.name() + ": unknown permission " + p);
                    });
            roles.put(e.getKey(), role);
        });
        List<String> keyScopes = strings(root.path("keyScopes"));
        keyScopes.stream().filter(p -> !permissions.containsKey(p)).findFirst().ifPresent(p -> {
            throw new IllegalStateException("keyScopes: unknown permission " + p);
        });
        Map<String, String> legacy = new LinkedHashMap<>();
        root.path("legacyKeys").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                legacy.put(e.getKey(), e.getValue().asText());
            }
        });
        return new AccessMatrix(java.util.Collections.unmodifiableMap(permissions), java.util.Collections.unmodifiableMap(roles), keyScopes,
                Map.copyOf(legacy), strings(root.path("keysNever")));
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
