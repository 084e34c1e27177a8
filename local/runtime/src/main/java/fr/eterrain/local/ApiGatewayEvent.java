package fr.eterrain.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the event an API Gateway HTTP API sends a Lambda integration (payload format 2.0), with its quirks:
 * header names lower-cased and repeated values comma-joined; cookies moved out of the headers into
 * {@code cookies}; {@code rawPath} and path parameters percent-decoded while {@code rawQueryString} stays encoded;
 * repeated query parameters comma-joined; optional fields absent rather than null; a non-text body in base64.
 */
public final class ApiGatewayEvent {
    public static final String ACCOUNT_ID = "123456789012";
    public static final String API_ID = "local";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvent() {
    }

    public static ObjectNode of(IncomingRequest request, Route route, Map<String, String> pathParameters,
                                int serverPort, Instant now) {
        Map<String, String> headers = headers(request, serverPort);
        String path = decodedPath(request.rawPath());
        String method = request.method().toUpperCase(Locale.ROOT);

        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", path);
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT_ID);
        context.put("apiId", API_ID);
        String domain = headers.getOrDefault("host", Ports.HOST + ":" + serverPort);
        context.put("domainName", domain);
        context.put("domainPrefix", domain.split("[.:]", 2)[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", request.protocol() == null ? "HTTP/1.1" : request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        byte[] body = request.body() == null ? new byte[0] : request.body();
        boolean base64 = false;
        if (body.length > 0) {
            base64 = !isText(headers.get("content-type"));
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            pathParameters.forEach(params::put);
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    private static Map<String, String> headers(IncomingRequest request, int serverPort) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!key.equals("cookie")) {
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        // Set by API Gateway itself, whatever the client sent.
        headers.put("x-forwarded-for", request.sourceIp());
        headers.put("x-forwarded-port", String.valueOf(serverPort));
        headers.put("x-forwarded-proto", "http");
        return headers;
    }

    private static List<String> cookies(IncomingRequest request) {
        return request.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("cookie"))
                .flatMap(e -> e.getValue().stream())
                .flatMap(value -> Arrays.stream(value.split(";")))
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .toList();
    }

    /** Decoded names and values; a repeated name gets its values comma-joined, in order. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String formDecode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** Segment by segment, so an encoded slash is decoded without creating a segment for routing. */
    private static String decodedPath(String rawPath) {
        return Arrays.stream(rawPath.split("/", -1)).map(RouteTable::decode).collect(Collectors.joining("/"));
    }

    /** Bodies API Gateway passes as text; anything else (or no content type) goes in base64. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/javascript")
                || type.equals("application/graphql");
    }
}
