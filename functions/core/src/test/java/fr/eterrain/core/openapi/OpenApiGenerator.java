package fr.eterrain.core.openapi;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the OpenAPI 3.1 document (schemas/openapi.json) from what the platform runs with: the routes of the wiring
 * table and their permission, the request schemas of schemas/, the response schemas of schemas/responses/, the
 * per-route lines of schemas/openapi/routes.json, and request examples from events/. Deterministic: the same inputs
 * give the same bytes, so the build can tell a stale committed document ({@link OpenApiDocumentTest}).
 */
public final class OpenApiGenerator {
    static final String DOCUMENT = "schemas/openapi.json";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");
    private static final Pattern FILE_REF = Pattern.compile("^((?:\\.\\./|responses/|events/)*)([A-Za-z0-9_-]+)\\.json(#.*)?$");
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> KINDS = Set.of("html", "csv", "gif", "png", "empty", "redirect");
    private static final JsonNode ERROR = TextNode.valueOf("error");
    private static final Map<String, String> REFUSALS = Map.of("400", "BadRequest", "401", "Unauthorized", "403", "Forbidden",
            "404", "NotFound", "409", "Conflict", "413", "PayloadTooLarge", "415", "UnsupportedMediaType",
            "429", "TooManyRequests", "500", "InternalError", "503", "Unavailable");
    private static final Map<String, String> HEADERS = Map.of(
            "location", "Where to go next.",
            "set-cookie", "The session cookie (`__Host-et_session`, or `et_session` on plain local http): HttpOnly, SameSite=Strict, Path=/; set on sign-in, cleared on sign-out.",
            "content-disposition", "`attachment; filename=\"…\"`: a file to save.",
            "x-visual-contrast", "The lowest text contrast measured on the drawn image (WCAG ratio, at least 4.50).",
            "x-visual-size", "The drawn image's size, `<width>x<height>`.");

    /** Where a component comes from: its folder decides how relative references inside it resolve. */
    enum Origin { REQUEST, RESPONSE, EVENT }

    record Component(String name, Origin origin, JsonNode schema) {
    }

    /** A sample of events/ that is an HTTP request of one route. */
    record Sample(String name, String comment, String routeKey, String contentType, String body) {
    }

    /** Everything the document is made from, read once. */
    record Sources(JsonNode wiring, JsonNode routes, Map<String, Component> schemas, List<Sample> samples, String intro,
                   String version) {
    }

    private final Sources sources;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> usedComponents = new LinkedHashSet<>();
    private final Set<String> usedParameters = new LinkedHashSet<>();
    private final Set<String> usedHeaders = new LinkedHashSet<>();
    private final Set<String> usedResponses = new LinkedHashSet<>();
    private final Set<String> usedSchemes = new LinkedHashSet<>();

    private OpenApiGenerator(Sources sources) {
        this.sources = sources;
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : root();
        String document = render(generate(read(root)));
        Files.writeString(root.resolve(DOCUMENT), document, StandardCharsets.UTF_8);
        System.out.println(DOCUMENT + " written (" + document.length() / 1024 + " KiB)");
    }

    /** The repository root, found upwards from the working directory (a module's, under Maven). */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("functions/wiring.json")) && Files.isDirectory(dir.resolve("schemas"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no functions/wiring.json above " + Path.of("").toAbsolutePath());
    }

    // --- Reading ------------------------------------------------------------------------------------------

    static Sources read(Path root) {
        Map<String, Component> schemas = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        readSchemas(root.resolve("schemas"), Origin.REQUEST, schemas, clashes);
        readSchemas(root.resolve("schemas/responses"), Origin.RESPONSE, schemas, clashes);
        readSchemas(root.resolve("schemas/events"), Origin.EVENT, schemas, clashes);
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("two schemas have the same name: " + clashes);
        }
        List<Sample> samples = new ArrayList<>();
        for (Path file : files(root.resolve("events"))) {
            JsonNode event = parse(file);
            if (event.hasNonNull("routeKey")) {
                samples.add(sample(file, event));
            }
        }
        String pom = text(root.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>eterrain-parent</artifactId>\\s*<version>([^<-]+)").matcher(pom);
        return new Sources(parse(root.resolve("functions/wiring.json")), parse(root.resolve("schemas/openapi/routes.json")),
                schemas, List.copyOf(samples), text(root.resolve("schemas/openapi/intro.md")).strip(),
                version.find() ? version.group(1) : "0.0.0");
    }

    private static void readSchemas(Path folder, Origin origin, Map<String, Component> into, List<String> clashes) {
        for (Path file : files(folder)) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            if (file.getFileName().toString().equals("openapi.json")) {
                continue; // the output itself
            }
            if (into.put(name, new Component(name, origin, parse(file))) != null) {
                clashes.add(name);
            }
        }
    }

    private static Sample sample(Path file, JsonNode event) {
        String body = event.hasNonNull("body") ? event.get("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        String type = event.path("headers").path("content-type").asText("");
        int semicolon = type.indexOf(';');
        return new Sample(file.getFileName().toString().replaceFirst("\\.json$", ""), event.path("_comment").asText(null),
                event.get("routeKey").asText(), (semicolon < 0 ? type : type.substring(0, semicolon)).trim(), body);
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(Path file) {
        try {
            return Json.parse(text(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- The document -------------------------------------------------------------------------------------

    /** The document, or an IllegalStateException listing every route and schema that needs attention. */
    static ObjectNode generate(Sources sources) {
        return new OpenApiGenerator(sources).build();
    }

    static String render(JsonNode document) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withObjectIndenter(indenter).withArrayIndenter(indenter);
        try {
            return Json.mapper().writer(printer).writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode build() {
        Wiring wiring = Wiring.parse(sources.wiring()); // refuses routes to unknown functions
        JsonNode lines = sources.routes().path("routes");
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "e-terrain API");
        info.put("version", sources.version());
        info.put("description", sources.intro());
        doc.put("jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base");
        doc.putArray("servers").addObject().put("url", "/")
                .put("description", "The origin this document is served from (the console's and the API's).");
        ArrayNode tags = doc.putArray("tags");
        ObjectNode paths = doc.putObject("paths");
        Set<String> tagged = new LinkedHashSet<>();
        Set<String> operationIds = new LinkedHashSet<>();
        Set<String> routeKeys = new LinkedHashSet<>();
        for (JsonNode route : sources.wiring().path("routes")) {
            String method = route.path("method").asText();
            String path = route.path("path").asText();
            String key = method + " " + path;
            routeKeys.add(key);
            JsonNode line = lines.get(key);
            if (line == null) {
                problems.add(key + ": no line in schemas/openapi/routes.json (its responses, at least)");
                continue;
            }
            String function = route.path("function").asText();
            if (tagged.add(function)) {
                tags.addObject().put("name", function).put("description", wiring.functions().get(function).description());
            }
            ObjectNode operation = operation(key, method, path, function, permissionOf(route), line);
            if (!operationIds.add(operation.path("operationId").asText())) {
                problems.add(key + ": operation id " + operation.path("operationId").asText() + " is used twice");
            }
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            item.set(method.toLowerCase(Locale.ROOT), operation);
        }
        lines.fieldNames().forEachRemaining(key -> {
            if (!routeKeys.contains(key)) {
                problems.add(key + ": a line in schemas/openapi/routes.json for a route the wiring table does not have");
            }
        });
        doc.set("components", components());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document cannot be made:\n  - " + String.join("\n  - ", problems));
        }
        return doc;
    }

    /** The route's permission; routes not yet given one carry the older access level (public, federation, hq). */
    private static String permissionOf(JsonNode route) {
        return route.hasNonNull("permission") ? route.get("permission").asText() : route.path("access").asText();
    }

    private static boolean legacyAccess(String permission) {
        return permission.equals("federation") || permission.equals("hq");
    }

    private ObjectNode operation(String key, String method, String path, String function, String permission, JsonNode line) {
        ObjectNode op = Json.object();
        op.putArray("tags").add(function);
        op.put("summary", required(key, line, "summary"));
        String description = line.path("description").asText("");
        op.put("description", (description.isEmpty() ? "" : description + "\n\n") + permissionText(permission, path));
        op.put("operationId", required(key, line, "id"));
        op.put("x-eterrain-function", function);
        op.put("x-eterrain-permission", permission);
        ArrayNode parameters = parameters(key, path, line);
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        if (line.has("body")) {
            op.set("requestBody", requestBody(key, line));
        }
        op.set("responses", responses(key, method, path, permission, line));
        ArrayNode security = security(method, permission);
        security.forEach(requirement -> requirement.fieldNames().forEachRemaining(usedSchemes::add));
        op.set("security", security);
        return op;
    }

    private String required(String key, JsonNode line, String field) {
        String value = line.path(field).asText("");
        if (value.isEmpty()) {
            problems.add(key + ": its line needs \"" + field + "\"");
        }
        return value;
    }

    private static String permissionText(String permission, String path) {
        return "**Permission:** `" + permission + "`" + switch (permission) {
            case "public" -> " — no authentication.";
            case "federation" -> path.contains("{fed}")
                    ? " — an API key of the federation in the path, or an HQ key."
                    : " — any valid API key.";
            case "hq" -> " — an HQ API key.";
            case "self" -> " — any signed-in person.";
            default -> " — an API key with this scope, or a signed-in person with this right"
                    + (path.contains("{fed}") ? " for the federation in the path (HQ for every federation)." : ".");
        };
    }

    // --- Security -----------------------------------------------------------------------------------------

    private static ArrayNode security(String method, String permission) {
        ArrayNode security = Json.array();
        if (permission.equals("public")) {
            return security; // explicitly none
        }
        if (legacyAccess(permission)) {
            security.addObject().putArray("apiKey");
            return security;
        }
        if (!permission.equals("self")) {
            security.addObject().putArray("apiKey").add(permission);
        }
        ObjectNode session = security.addObject();
        ArrayNode rights = session.putArray("session");
        if (!permission.equals("self")) {
            rights.add(permission);
        }
        if (UNSAFE.contains(method)) {
            session.putArray("csrfHeader");
        }
        return security;
    }

    /** Only the schemes some operation accepts: sessions appear with the first route given a permission. */
    private static ObjectNode securitySchemes(Set<String> used) {
        ObjectNode schemes = Json.object();
        schemes.putObject("apiKey").put("type", "http").put("scheme", "bearer").put("bearerFormat", "e-terrain API key")
                .put("description", "`Authorization: Bearer <key>`. A federation's key reaches its own federation only; "
                        + "an HQ key reaches all. Scopes, when an operation lists one, are permission names.");
        schemes.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", "__Host-et_session")
                .put("description", "The console's session, set by the sign-in routes (`et_session` on a plain-http local "
                        + "run). HttpOnly, SameSite=Strict. State-changing requests also need `csrfHeader`.");
        schemes.putObject("csrfHeader").put("type", "apiKey").put("in", "header").put("name", "x-eterrain-request")
                .put("description", "`x-eterrain-request: 1` on every POST, PUT, PATCH and DELETE authenticated by the "
                        + "session cookie (and an `Origin`, when sent, that is the console's); else `403 {code: \"csrf\"}`.");
        schemes.retain(used);
        return schemes;
    }

    // --- Parameters ---------------------------------------------------------------------------------------

    private ArrayNode parameters(String key, String path, JsonNode line) {
        JsonNode defined = sources.routes().path("parameters");
        ArrayNode out = Json.array();
        Map<String, String> forPath = new LinkedHashMap<>();
        for (JsonNode name : line.path("path")) {
            JsonNode p = defined.get(name.asText());
            if (p == null || !p.path("in").asText().equals("path")) {
                problems.add(key + ": \"path\" names " + name.asText() + ", which is no path parameter of \"parameters\"");
                continue;
            }
            forPath.put(p.path("name").asText(), name.asText());
        }
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            String ref = forPath.getOrDefault(name, name);
            JsonNode p = defined.get(ref);
            if (p == null || !p.path("in").asText().equals("path") || !p.path("name").asText().equals(name)) {
                problems.add(key + ": path parameter {" + name + "} has no definition (list one in the line's \"path\")");
                continue;
            }
            out.add(reference("parameters", ref));
            usedParameters.add(ref);
        }
        for (JsonNode name : line.path("query")) {
            JsonNode p = defined.get(name.asText());
            if (p == null || !p.path("in").asText().equals("query")) {
                problems.add(key + ": \"query\" names " + name.asText() + ", which is no query parameter of \"parameters\"");
                continue;
            }
            out.add(reference("parameters", name.asText()));
            usedParameters.add(name.asText());
        }
        return out;
    }

    // --- Request bodies -----------------------------------------------------------------------------------

    private ObjectNode requestBody(String key, JsonNode line) {
        ObjectNode body = Json.object();
        body.put("required", line.path("bodyRequired").asBoolean(true));
        ObjectNode content = body.putObject("content");
        JsonNode spec = line.get("body");
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        if (spec.isTextual()) {
            byType.put("application/json", spec);
        } else {
            spec.fields().forEachRemaining(e -> byType.put(e.getKey(), e.getValue()));
        }
        byType.forEach((type, schema) -> {
            ObjectNode media = content.putObject(type);
            media.set("schema", bodySchema(key, schema));
            ObjectNode examples = examples(key, type);
            if (!examples.isEmpty()) {
                media.set("examples", examples);
            }
        });
        return body;
    }

    private JsonNode bodySchema(String key, JsonNode spec) {
        if (spec.isObject()) {
            collectReferences(spec);
            return spec; // an inline schema, already written against the document
        }
        String name = spec.asText();
        if (name.equals("csv")) {
            return Json.object().put("type", "string").put("description", "CSV text, `,` or `;` separated, a header row first.");
        }
        Component component = sources.schemas().get(name);
        if (component == null || component.origin() != Origin.REQUEST) {
            problems.add(key + ": body names " + name + ", which is no request schema of schemas/");
            return Json.object();
        }
        usedComponents.add(name);
        return reference("schemas", name);
    }

    /** The events/ samples of this route with a body of this media type. */
    private ObjectNode examples(String key, String type) {
        ObjectNode examples = Json.object();
        for (Sample sample : sources.samples()) {
            if (!sample.routeKey().equals(key) || sample.body() == null || sample.body().isEmpty()
                    || !sample.contentType().equals(type)) {
                continue;
            }
            ObjectNode example = examples.putObject(sample.name());
            if (sample.comment() != null) {
                example.put("summary", sample.comment());
            }
            if (type.equals("application/json")) {
                example.set("value", Json.parse(sample.body()));
            } else if (type.equals("application/x-www-form-urlencoded")) {
                ObjectNode fields = example.putObject("value"); // a form's example is its fields, as its schema says
                HttpRequest.parseForm(sample.body()).forEach(fields::put);
            } else {
                example.put("value", sample.body());
            }
        }
        return examples;
    }

    // --- Responses ----------------------------------------------------------------------------------------

    private ObjectNode responses(String key, String method, String path, String permission, JsonNode line) {
        JsonNode declared = line.path("responses");
        if (!declared.isObject() || declared.isEmpty()) {
            problems.add(key + ": its line needs \"responses\" (status → response schema)");
        }
        Map<String, JsonNode> all = new TreeMap<>();
        declared.fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
        if (!permission.equals("public")) {
            all.putIfAbsent("401", ERROR);
            if (!legacyAccess(permission) || permission.equals("hq") || path.contains("{fed}")) {
                all.putIfAbsent("403", ERROR);
            }
        }
        if (line.has("body")) {
            all.putIfAbsent("413", ERROR);
        }
        all.putIfAbsent("500", ERROR);
        ObjectNode out = Json.object();
        all.forEach((status, spec) -> {
            if (!status.matches("[1-5][0-9]{2}")) {
                problems.add(key + ": response status " + status + " is not an HTTP status");
            } else if (spec.isTextual() && spec.asText().equals("error") && REFUSALS.containsKey(status)) {
                usedResponses.add(status);
                out.set(status, reference("responses", REFUSALS.get(status)));
            } else {
                out.set(status, response(key, method, status, spec));
            }
        });
        return out;
    }

    /** The shared refusals: {code, message, field} with the status's usual meaning. */
    private ObjectNode responseComponents() {
        ObjectNode responses = Json.object();
        new TreeSet<>(usedResponses).forEach(status -> {
            ObjectNode response = responses.putObject(REFUSALS.get(status));
            response.put("description", describe(status, List.of("error")));
            response.putObject("content").putObject("application/json").set("schema", reference("schemas", "error"));
            usedComponents.add("error");
        });
        return responses;
    }

    private ObjectNode response(String key, String method, String status, JsonNode spec) {
        ObjectNode response = Json.object();
        JsonNode body = spec.isObject() ? spec.get("body") : spec;
        List<String> kinds = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(b -> kinds.add(b.asText()));
        } else if (body != null) {
            kinds.add(body.asText());
        }
        if (kinds.isEmpty()) {
            problems.add(key + ": response " + status + " needs a body kind (a response schema, html, csv, gif, empty, redirect)");
        }
        String description = spec.isObject() && spec.hasNonNull("description") ? spec.get("description").asText() : describe(status, kinds);
        response.put("description", description);
        ObjectNode headers = Json.object();
        ObjectNode content = Json.object();
        for (String kind : kinds) {
            switch (kind) {
                case "html" -> content.putObject("text/html").putObject("schema").put("type", "string");
                case "csv" -> {
                    content.putObject("text/csv").putObject("schema").put("type", "string");
                    // Required when the answer is always a file; beside JSON, only the CSV variant carries it.
                    headers.set("content-disposition", kinds.size() == 1 ? header("content-disposition")
                            : Json.object().put("description", "With the CSV: " + HEADERS.get("content-disposition"))
                                    .set("schema", Json.object().put("type", "string")));
                }
                case "gif" -> content.putObject("image/gif").putObject("schema").put("type", "string").put("contentMediaType", "image/gif");
                case "png" -> content.putObject("image/png").putObject("schema").put("type", "string").put("contentMediaType", "image/png");
                case "empty" -> { }
                case "redirect" -> headers.set("location", header("location"));
                default -> {
                    Component component = sources.schemas().get(kind);
                    if (component == null || component.origin() != Origin.RESPONSE) {
                        problems.add(key + ": response " + status + " names " + kind + ", which is neither a kind ("
                                + String.join(", ", KINDS) + ") nor a response schema of schemas/responses/");
                        continue;
                    }
                    usedComponents.add(kind);
                    content.putObject("application/json").set("schema", reference("schemas", kind));
                }
            }
        }
        if (spec.isObject()) {
            for (JsonNode h : spec.path("headers")) {
                headers.set(h.asText(), header(h.asText()));
            }
        }
        if (!headers.isEmpty()) {
            response.set("headers", headers);
        }
        // HEAD answers carry GET's headers and no body.
        if (!content.isEmpty() && !method.equals("HEAD")) {
            response.set("content", content);
        }
        return response;
    }

    private static String describe(String status, List<String> kinds) {
        String page = kinds.equals(List.of("html")) ? " (a page)" : "";
        return switch (status) {
            case "200" -> "OK";
            case "201" -> "Created";
            case "202" -> "Accepted";
            case "204" -> "Done; no body";
            case "302" -> "Found: go to `Location`";
            case "303" -> "See other: go to `Location`";
            case "400" -> "Refused: the request is not valid" + (page.isEmpty() ? "; `field` names what is at fault" : page);
            case "401" -> "Not authenticated: no API key (or session), or one that is not valid, expired or revoked";
            case "403" -> page.isEmpty()
                    ? "Forbidden: authenticated, but without the permission for this federation or this action (with a session: also a missing CSRF header)"
                    : "Forbidden" + page;
            case "404" -> "Not found: an unknown federation or resource" + page;
            case "409" -> "Refused: the resource's current state does not allow it";
            case "410" -> "Gone: the link expired or was replaced" + page;
            case "413" -> "Too large: the body, or the file it declares" + page;
            case "415" -> "Unsupported media type";
            case "429" -> "Too many requests: try again in a few minutes" + page;
            case "503" -> "Temporarily unavailable: try again in a minute" + page;
            case "500" -> "Something went wrong on our side; nothing was changed: retry later";
            default -> "HTTP " + status + page;
        };
    }

    private ObjectNode header(String name) {
        usedHeaders.add(name);
        return reference("headers", name);
    }

    private ObjectNode headerComponents() {
        ObjectNode headers = Json.object();
        for (String name : new TreeSet<>(usedHeaders)) {
            String description = HEADERS.get(name);
            if (description == null) {
                problems.add("unknown response header " + name + " (known: " + String.join(", ", HEADERS.keySet()) + ")");
                continue;
            }
            headers.putObject(name).put("description", description).put("required", true).putObject("schema").put("type", "string");
        }
        return headers;
    }

    // --- Components ---------------------------------------------------------------------------------------

    private ObjectNode components() {
        ObjectNode components = Json.object();
        ObjectNode responses = responseComponents();
        // Every response schema must be used; request and event schemas only when a route or a schema uses them.
        sources.schemas().values().stream().filter(c -> c.origin() == Origin.RESPONSE).forEach(c -> {
            if (!usedComponents.contains(c.name()) && !referencedBySomeResponse(c.name())) {
                problems.add("schemas/responses/" + c.name() + ".json: no route answers it (list it in schemas/openapi/routes.json, or remove it)");
            }
        });
        ObjectNode schemas = components.putObject("schemas");
        Deque<String> queue = new ArrayDeque<>(usedComponents);
        Set<String> done = new LinkedHashSet<>();
        Map<String, JsonNode> converted = new TreeMap<>();
        while (!queue.isEmpty()) {
            String name = queue.pop();
            if (!done.add(name)) {
                continue;
            }
            Component component = sources.schemas().get(name);
            if (component == null) {
                problems.add("a schema refers to " + name + ", which does not exist");
                continue;
            }
            Set<String> refs = new LinkedHashSet<>();
            converted.put(name, convert(component, component.schema(), refs));
            queue.addAll(refs);
        }
        converted.forEach(schemas::set);
        ObjectNode parameters = components.putObject("parameters");
        new TreeSet<>(usedParameters).forEach(name -> parameters.set(name, sources.routes().path("parameters").get(name)));
        components.set("responses", responses);
        components.set("headers", headerComponents());
        components.set("securitySchemes", securitySchemes(usedSchemes));
        return components;
    }

    private boolean referencedBySomeResponse(String name) {
        for (Component c : sources.schemas().values()) {
            if (c.origin() == Origin.RESPONSE && !c.name().equals(name)) {
                Set<String> refs = new LinkedHashSet<>();
                convert(c, c.schema(), refs);
                if (refs.contains(name) && (usedComponents.contains(c.name()) || referencedBySomeResponse(c.name()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The schema as a component: no $schema/$id, references to files and to its own root made document-relative. */
    private JsonNode convert(Component component, JsonNode node, Set<String> refs) {
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.forEach(n -> out.add(convert(component, n, refs)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = Json.object();
        node.fields().forEachRemaining(e -> {
            String field = e.getKey();
            if (node == component.schema() && (field.equals("$schema") || field.equals("$id"))) {
                return;
            }
            if (field.equals("$ref") && e.getValue().isTextual()) {
                out.put("$ref", resolve(component, e.getValue().asText(), refs));
            } else {
                out.set(field, convert(component, e.getValue(), refs));
            }
        });
        return out;
    }

    private String resolve(Component from, String ref, Set<String> refs) {
        if (ref.startsWith("#")) {
            return "#/components/schemas/" + from.name() + ref.substring(1);
        }
        Matcher m = FILE_REF.matcher(ref);
        if (!m.matches()) {
            problems.add(from.name() + ": cannot resolve $ref " + ref);
            return ref;
        }
        String name = m.group(2);
        Component target = sources.schemas().get(name);
        Origin expected = expectedOrigin(from.origin(), m.group(1));
        if (target == null || target.origin() != expected) {
            problems.add(from.name() + ": $ref " + ref + " names no schema there");
            return ref;
        }
        refs.add(name);
        return "#/components/schemas/" + name + (m.group(3) == null ? "" : m.group(3).substring(1));
    }

    /** A relative reference's folder, from the folder of the schema holding it. */
    private static Origin expectedOrigin(Origin from, String prefix) {
        String base = switch (from) {
            case REQUEST -> "";
            case RESPONSE -> "responses/";
            case EVENT -> "events/";
        };
        String folder = base;
        for (String part : prefix.split("(?<=/)")) {
            if (part.equals("../")) {
                folder = folder.isEmpty() ? "" : folder.substring(0, folder.lastIndexOf('/', folder.length() - 2) + 1);
            } else if (!part.isEmpty()) {
                folder = folder + part;
            }
        }
        return switch (folder) {
            case "responses/" -> Origin.RESPONSE;
            case "events/" -> Origin.EVENT;
            default -> Origin.REQUEST;
        };
    }

    private void collectReferences(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith("#/components/schemas/")) {
                usedComponents.add(ref.asText().substring("#/components/schemas/".length()).split("/")[0]);
            }
            node.elements().forEachRemaining(this::collectReferences);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::collectReferences);
        }
    }

    private static ObjectNode reference(String kind, String name) {
        return Json.object().put("$ref", "#/components/" + kind + "/" + name);
    }
}
