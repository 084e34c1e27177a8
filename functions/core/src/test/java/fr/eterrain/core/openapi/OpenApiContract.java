package fr.eterrain.core.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks one HTTP exchange against the OpenAPI document: the request against its operation (parameters, body media
 * type and JSON body), the response's status, required headers, media type and JSON body against what that status
 * declares. A request the document calls invalid must be refused (4xx): an API that accepts what its contract
 * refuses, or answers what its contract does not say, is reported. Schemas are validated with the OpenAPI 3.1
 * dialect (JSON Schema 2020-12, formats asserted, as the functions validate their input).
 */
public final class OpenApiContract {
    /** The document as packaged in core, as {@code GET /v1/openapi.json} serves it. */
    public static final String RESOURCE = "eterrain/schemas/openapi.json";
    private static final String BASE = "https://contract.e-terrain.invalid/openapi.json";
    private static final Set<String> SCALARS = Set.of("integer", "number", "boolean");

    /**
     * One request and its answer. Header names lower case; the query's first values; bodies as text.
     *
     * @param pathTemplate the route's path as in the wiring table ({@code /v1/federations/{fed}/contacts})
     */
    public record Exchange(String method, String pathTemplate, Map<String, String> pathParameters, Map<String, String> query,
                           String requestContentType, String requestBody, int status, Map<String, String> responseHeaders,
                           String responseBody) {
    }

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(String text) {
        this.document = Json.parse(text);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
    }

    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiContract of(String documentText) {
        return new OpenApiContract(documentText);
    }

    public JsonNode document() {
        return document;
    }

    /** What is wrong with this exchange; empty when it keeps the contract. */
    public List<String> check(Exchange e) {
        String method = e.method().toLowerCase(Locale.ROOT);
        String where = e.method() + " " + e.pathTemplate() + " → " + e.status();
        String operationPointer = "/paths/" + escape(e.pathTemplate()) + "/" + method;
        JsonNode operation = document.at(operationPointer);
        List<String> problems = new ArrayList<>();
        if (operation.isMissingNode()) {
            problems.add(where + ": the document has no such operation");
            return problems;
        }
        List<String> requestIssues = requestIssues(e, operation, operationPointer);
        String responsePointer = operationPointer + "/responses/" + e.status();
        JsonNode response = document.at(responsePointer);
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        if (response.isMissingNode()) {
            problems.add(where + ": status not declared (declared: " + names(operation.path("responses")) + ")"
                    + describe(e.responseBody()));
        } else {
            problems.addAll(responseIssues(e, response, responsePointer, where));
        }
        if (!requestIssues.isEmpty() && e.status() < 400) {
            problems.add(where + ": the request breaks the document (" + String.join("; ", requestIssues)
                    + "), yet it was not refused");
        }
        return problems;
    }

    private List<String> requestIssues(Exchange e, JsonNode operation, String operationPointer) {
        List<String> issues = new ArrayList<>();
        JsonNode parameters = operation.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            String pointer = operationPointer + "/parameters/" + i;
            JsonNode parameter = parameters.get(i);
            if (parameter.has("$ref")) {
                pointer = parameter.get("$ref").asText().substring(1);
                parameter = document.at(pointer);
            }
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value = switch (in) {
                case "path" -> e.pathParameters().get(name);
                case "query" -> e.query().get(name);
                default -> null;
            };
            if (value == null) {
                if (parameter.path("required").asBoolean(false)) {
                    issues.add(in + " parameter " + name + " is missing");
                }
                continue;
            }
            JsonNode schema = parameter.path("schema");
            messages(pointer + "/schema", coerce(value, schema))
                    .forEach(m -> issues.add(in + " parameter " + name + "=" + shorten(value) + ": " + m));
        }
        JsonNode body = operation.path("requestBody");
        boolean sent = e.requestBody() != null && !e.requestBody().isEmpty();
        if (body.isMissingNode()) {
            return issues;
        }
        if (!sent) {
            if (body.path("required").asBoolean(false)) {
                issues.add("the body is missing");
            }
            return issues;
        }
        String type = mediaType(e.requestContentType());
        if (!body.path("content").has(type)) {
            issues.add("body of type " + (type.isEmpty() ? "(none)" : type) + " (declared: " + names(body.path("content")) + ")");
        } else if (isJson(type)) {
            JsonNode value;
            try {
                value = Json.parse(e.requestBody());
            } catch (IllegalArgumentException malformed) {
                issues.add("the body is not JSON");
                return issues;
            }
            messages(operationPointer + "/requestBody/content/" + escape(type) + "/schema", value)
                    .forEach(m -> issues.add("body: " + m));
        }
        return issues;
    }

    private List<String> responseIssues(Exchange e, JsonNode response, String responsePointer, String where) {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            JsonNode definition = header.getValue().has("$ref")
                    ? document.at(header.getValue().get("$ref").asText().substring(1)) : header.getValue();
            if (definition.path("required").asBoolean(false) && !e.responseHeaders().containsKey(header.getKey().toLowerCase(Locale.ROOT))) {
                problems.add(where + ": header " + header.getKey() + " is missing");
            }
        }
        boolean head = e.method().equalsIgnoreCase("HEAD");
        boolean hasBody = e.responseBody() != null && !e.responseBody().isEmpty();
        JsonNode content = response.path("content");
        if (head) {
            return problems;
        }
        if (content.isMissingNode()) {
            if (hasBody) {
                problems.add(where + ": a body where the document declares none" + describe(e.responseBody()));
            }
            return problems;
        }
        String type = mediaType(e.responseHeaders().get("content-type"));
        if (!content.has(type)) {
            problems.add(where + ": media type " + type + " not declared (declared: " + names(content) + ")");
            return problems;
        }
        if (!hasBody) {
            problems.add(where + ": no body where the document declares " + type);
        } else if (isJson(type)) {
            JsonNode value;
            try {
                value = Json.parse(e.responseBody());
            } catch (IllegalArgumentException malformed) {
                problems.add(where + ": the body is not JSON" + describe(e.responseBody()));
                return problems;
            }
            List<String> messages = messages(responsePointer + "/content/" + escape(type) + "/schema", value);
            if (!messages.isEmpty()) {
                problems.add(where + ": the body breaks its schema: " + String.join("; ", messages) + describe(e.responseBody()));
            }
        }
        return problems;
    }

    /** Validation messages of a value against the schema at this pointer of the document. */
    public List<String> messages(String pointer, JsonNode value) {
        JsonSchema schema = compiled.computeIfAbsent(pointer,
                p -> factory.getSchema(SchemaLocation.of(BASE + "#" + p), config));
        return schema.validate(value).stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    /** Query and path values are text; a parameter declared as a number or a boolean is compared as one. */
    private static JsonNode coerce(String value, JsonNode schema) {
        String type = schema.path("type").asText("");
        if (!SCALARS.contains(type)) {
            return TextNode.valueOf(value);
        }
        try {
            return switch (type) {
                case "integer" -> LongNode.valueOf(Long.parseLong(value));
                case "number" -> DoubleNode.valueOf(Double.parseDouble(value));
                default -> value.equals("true") || value.equals("false") ? BooleanNode.valueOf(value.equals("true")) : TextNode.valueOf(value);
            };
        } catch (NumberFormatException e) {
            return TextNode.valueOf(value);
        }
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String type) {
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /** JSON Pointer escaping of one reference token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(String body) {
        return body == null || body.isEmpty() ? "" : "\n      body: " + shorten(body);
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 600 ? flat : flat.substring(0, 600) + "…";
    }
}
