package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutations for {@link HandlerFuzzIT}: structured ones on an API Gateway payload 2.0 event or an EventBridge
 * event (its JSON tree), and byte-level ones on the serialized event for the raw {@code handleRequest} path.
 * Every choice comes from the {@link Random} given, so a case replays exactly from its seed. Each operator
 * appends a short name to the case's description, printed with any failure.
 */
final class RequestMutator {
    /** What an HTTP mutation may swap in: keys of the right and wrong kinds, ids that exist elsewhere. */
    record Keys(String own, String foreign, String hq, String revoked) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] DEEP_ARRAYS = deepJson(100_000, false).getBytes(StandardCharsets.UTF_8);
    private static final byte[] DEEP_OBJECTS = deepJson(100_000, true).getBytes(StandardCharsets.UTF_8);

    /** Strings that have broken parsers, validators, key builders and templates somewhere. */
    static final List<String> NASTY = List.of(
            "", " ", "\t\n\r", "\u0000", "a\u0000b", "null", "undefined", "true", "-1", "0", "NaN", "1e309",
            "%", "%zz", "%E9", "%00", "%2F", "../../etc/passwd", "..", "/", "//", "\\", "#", "APIKEY#x", "CONTACT#x",
            "|", "a|b", "'; DROP TABLE contacts; --", "\" OR \"1\"=\"1", "<script>alert(1)</script>", "{{firstName}}",
            "${jndi:ldap://x}", "%s%s%s%n", "\u202Eevil", "\uFEFF", "\uD800", "\uDC00x", "\uD83D\uDE00", "\u00e9\u0301",
            "ＦＦＥ", "٠٦", "2a", "ffe", "HQ", "06\n", " 06", "06 ", "06,13", "99", "00", "975", "977",
            "x".repeat(257), "é".repeat(700), "\uD83D\uDE00".repeat(600), "k".repeat(2100), "9".repeat(40),
            "2026-02-30", "2026-13-01", "+999999999-12-31", "-999999999-01-01", "2026-W99", "2026-W00", "2026-00",
            "0000-01", "2026-11-24t10:00:00z", "2026-11-24T10:00:00+25:00", "2026-11-24T24:00:00Z",
            "2026-12-31T23:59:60Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-24T10:00:00.1234567891Z",
            "k0000000000000000", "kSAMPLE0000000000", "nSAMPLE", "cSAMPLE", "2147483648", "-2147483649",
            "9223372036854775808", "0x10", "1,5", "a@b", "@", "a@b.c", "x@" + "a".repeat(250) + ".org",
            "marie.dupont@example.org", "MARIE.DUPONT@EXAMPLE.ORG", "marie+x@example.org", "\"quoted\"@example.org",
            "List-Unsubscribe=One-Click", "militant", "SYMPATHISANT", "csv", "json", "weekly", "monthly", "like",
            "relay", "approve", "reject", "graphic", "approved", "awaiting_upload", "pending", "active", "unsubscribed");

    /** Dates and instants at and past the edges of what java.time, DynamoDB sort keys and our checks accept. */
    static final List<String> DATES = List.of("+999999999-12-31", "-999999999-01-01", "9999-12-31", "0000-01-01",
            "1969-12-31", "2026-02-29", "2026-02-30", "2026-13-01", "2026-11-24", "2026-11-25", "2027-01-01", "2026-1-1",
            "2026-12-31T23:59:59Z", "2026-12-31T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "2026-11-24T10:00:00+01:00",
            "2026-11-24T10:00:00Z2026-11-24T10:00:00Z", "2026-11-24T10:00:00.123456789Z", "2026-11-24T10:00",
            "2026-11-24T25:00:00Z", "2026-12-31T23:59:60Z", "2099-01-01T00:00:00Z", "2026-W48", "2026-11", "now",
            "2026-11-24T10:00:00Z2099", "2026-11-24T10:00:00ZZ", "2026-11-24T10:00:00+01:00:00", "2026-11-24T10:00:00.Z",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z");

    /** Strings that look like a date or an instant: where {@link #DATES} go. */
    private static final java.util.regex.Pattern DATE_LIKE = java.util.regex.Pattern.compile("[+-]?\\d{4,}-\\d{2}.*");

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "APPLICATION/JSON", "application/json; charset=utf-16", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "text/csv", "application/csv",
            "text/csv; charset=windows-1252", "text/plain", "multipart/form-data; boundary=x", "application/xml",
            "", ";", "application/", "*/*", "json", "text/html", "application/vnd.api+json");

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "get", "post", "", "BREW", "CONNECT", "TRACE");

    private static final List<String> QUERY_NAMES = List.of("limit", "cursor", "status", "category", "tag",
            "postalCodePrefix", "format", "from", "to", "scope", "t", "n", "kind", "federation", "since", "until",
            "cadence", "at");

    private static final List<String> PATH_NAMES = List.of("fed", "id", "token", "keyId", "period");

    private static final List<String> DETAIL_TYPES = List.of("ConfirmationRequested", "Object Created",
            "NewsletterSendRequested", "NewsletterDispatchContinue", "Email Sent", "Email Delivered", "Email Bounced",
            "Email Complaint Received", "Email Rejected", "SelectionPublished", "Scheduled Event", "", "x".repeat(300));

    private RequestMutator() {
    }

    // --- HTTP events ----------------------------------------------------------------------------------------

    /**
     * Applies one to three structured mutations to an API Gateway event, in place.
     *
     * @param otherRouteKeys route keys of the same function, for route confusion
     */
    static void mutateHttp(ObjectNode event, Random r, Keys keys, List<String> otherRouteKeys, List<String> applied) {
        int count = 1 + r.nextInt(3);
        boolean bodiless = !event.path("body").isTextual() || event.get("body").asText().isEmpty();
        for (int i = 0; i < count; i++) {
            int operator = r.nextInt(18);
            if (bodiless && operator <= 7 && r.nextBoolean()) {
                operator = 12; // a request without a body: its query string is the input that matters
            }
            if (operator >= 16) {
                dates(event, r, applied);
                continue;
            }
            if (operator == 4) {
                oversize(event, r, applied); // last: nothing re-parses a body of megabytes
                return;
            }
            switch (operator) {
                case 0, 1, 2 -> bodyField(event, r, applied);
                case 3 -> bodyText(event, r, applied);
                case 5 -> base64(event, r, applied);
                case 6 -> contentType(event, r, applied);
                case 7 -> formBody(event, r, applied);
                case 8 -> auth(event, r, keys, applied);
                case 9 -> headers(event, r, keys, applied);
                case 10, 11 -> pathParameters(event, r, applied);
                case 12 -> query(event, r, applied);
                case 13 -> method(event, r, otherRouteKeys, applied);
                case 14 -> context(event, r, applied);
                default -> tree(event, r, applied);
            }
        }
    }

    /** A value of the body (parsed as JSON) replaced, removed or added; bodies that are not JSON get text mutations. */
    private static void bodyField(ObjectNode event, Random r, List<String> applied) {
        String body = event.path("body").isTextual() ? event.get("body").asText() : null;
        JsonNode parsed = null;
        if (body != null && body.length() < 16_384 && !event.path("isBase64Encoded").asBoolean(false)) {
            try {
                parsed = Json.parse(body);
            } catch (IllegalArgumentException notJson) {
                // text mutation below
            }
        }
        if (!(parsed instanceof ContainerNode<?>)) {
            bodyText(event, r, applied);
            return;
        }
        applied.add("body." + mutateSomewhere(parsed, r));
        event.put("body", Json.write(parsed));
    }

    private static void bodyText(ObjectNode event, Random r, List<String> applied) {
        String body = event.path("body").asText("");
        String mutated = switch (r.nextInt(12)) {
            case 0 -> body.isEmpty() ? "" : body.substring(0, r.nextInt(body.length()));
            case 1 -> insert(body, r, pick(r, NASTY));
            case 2 -> "";
            case 3 -> pick(r, List.of("null", "[]", "{}", "\"text\"", "42", "true", " ", "{", "[{]", "{\"a\":}", "\u0000"));
            case 4 -> duplicateKey(body, r);
            case 5 -> flipChars(body, r);
            case 6 -> body + pick(r, List.of("}", ",", " trailing", "\n{}", "]"));
            case 7 -> deepJson(r.nextBoolean() ? 900 + r.nextInt(200) : 10 + r.nextInt(400), r.nextBoolean());
            case 8 -> "email;prenom;categorie\n" + pick(r, NASTY) + ";" + pick(r, NASTY) + ";" + pick(r, NASTY) + "\n";
            case 9 -> csvLike(r);
            case 10 -> "{\"" + pick(r, NASTY) + "\":" + Json.write(randomValue(r, 2)) + "}";
            default -> body.length() > 16_384 ? body : body.repeat(2 + r.nextInt(3));
        };
        if (r.nextInt(8) == 0) {
            event.remove("body");
            applied.add("body.removed");
        } else {
            event.put("body", mutated);
            applied.add("body.text");
        }
    }

    /** A date or instant of the body or the query string (or a pair of them) replaced by an edge one. */
    private static void dates(ObjectNode event, Random r, List<String> applied) {
        List<ObjectNode> holders = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonNode body = null;
        if (event.path("body").isTextual() && event.get("body").asText().startsWith("{") && event.get("body").asText().length() < 16_384) {
            try {
                body = Json.parse(event.get("body").asText());
                collectDates(body, holders, names);
            } catch (IllegalArgumentException notJson) {
                body = null;
            }
        }
        if (event.get("queryStringParameters") instanceof ObjectNode query) {
            collectDates(query, holders, names);
        }
        if (holders.isEmpty()) {
            ObjectNode query = event.get("queryStringParameters") instanceof ObjectNode q ? q : event.putObject("queryStringParameters");
            query.put(pick(r, List.of("from", "to", "since", "until")), pick(r, DATES));
            applied.add("dates.added");
            return;
        }
        int pairs = holders.size() > 1 && r.nextBoolean() ? 2 : 1;
        String value = pick(r, DATES);
        for (int p = 0; p < pairs; p++) {
            int at = r.nextInt(holders.size());
            holders.get(at).put(names.get(at), p == 1 && r.nextBoolean() ? value : (value = pick(r, DATES)));
        }
        if (body != null) {
            event.put("body", Json.write(body));
        }
        applied.add("dates");
    }

    private static void collectDates(JsonNode node, List<ObjectNode> holders, List<String> names) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> {
                if (e.getValue().isTextual() && DATE_LIKE.matcher(e.getValue().asText()).matches()) {
                    holders.add(object);
                    names.add(e.getKey());
                } else {
                    collectDates(e.getValue(), holders, names);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> collectDates(child, holders, names));
        }
    }

    private static void oversize(ObjectNode event, Random r, List<String> applied) {
        int size = switch (r.nextInt(8)) {
            case 0, 1, 2 -> 64 * 1024 - 200 + r.nextInt(400);
            case 3, 4 -> 64 * 1024 + 1;
            case 5 -> 2 * 1024 * 1024 - 100 + r.nextInt(300); // around the CSV import's own limit
            default -> 100_000 + r.nextInt(100_000);
        };
        String filler = r.nextBoolean() ? "a" : "é"; // é: two bytes per character
        String body = switch (r.nextInt(3)) {
            case 0 -> "{\"subject\":\"" + filler.repeat(size / filler.getBytes(StandardCharsets.UTF_8).length) + "\"}";
            case 1 -> "email\n" + ("x" + r.nextInt(1000) + "@example.org\n").repeat(Math.max(1, size / 20));
            default -> filler.repeat(size / filler.getBytes(StandardCharsets.UTF_8).length);
        };
        event.put("body", body);
        applied.add("body.oversize(" + body.getBytes(StandardCharsets.UTF_8).length + ")");
    }

    private static void base64(ObjectNode event, Random r, List<String> applied) {
        String body = event.path("body").asText("");
        switch (r.nextInt(7)) {
            case 0 -> {
                event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
                event.put("isBase64Encoded", true);
                applied.add("base64.valid");
            }
            case 1 -> {
                event.put("isBase64Encoded", true);
                applied.add("base64.notEncoded");
            }
            case 2 -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                byte[] bad = new byte[bytes.length + 4];
                System.arraycopy(bytes, 0, bad, 0, bytes.length);
                bad[bytes.length] = (byte) 0xC3;
                bad[bytes.length + 1] = (byte) 0x28;
                bad[bytes.length + 2] = (byte) 0xFF;
                bad[bytes.length + 3] = (byte) 0xED;
                event.put("body", Base64.getEncoder().encodeToString(bad));
                event.put("isBase64Encoded", true);
                applied.add("base64.invalidUtf8");
            }
            case 3 -> {
                event.put("body", Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
                event.put("isBase64Encoded", true);
                applied.add("base64.mime");
            }
            case 4 -> {
                event.put("body", Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
                event.put("isBase64Encoded", true);
                applied.add("base64.url");
            }
            case 5 -> {
                event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_16)));
                event.put("isBase64Encoded", true);
                applied.add("base64.utf16");
            }
            default -> {
                event.set("isBase64Encoded", pick(r, List.<JsonNode>of(NODES.textNode("true"), NODES.numberNode(1),
                        NODES.nullNode(), NODES.textNode("yes"), NODES.arrayNode(), NODES.booleanNode(false))));
                applied.add("base64.flag");
            }
        }
    }

    private static void contentType(ObjectNode event, Random r, List<String> applied) {
        ObjectNode headers = headersOf(event);
        if (r.nextInt(5) == 0) {
            headers.remove("content-type");
            applied.add("contentType.removed");
            return;
        }
        String type = pick(r, CONTENT_TYPES);
        headers.put(r.nextInt(6) == 0 ? "Content-Type" : "content-type", type);
        applied.add("contentType=" + type);
    }

    /** The JSON body sent as a form instead, or a malformed form. */
    private static void formBody(ObjectNode event, Random r, List<String> applied) {
        ObjectNode headers = headersOf(event);
        headers.put("content-type", "application/x-www-form-urlencoded");
        String body = event.path("body").asText("");
        StringBuilder form = new StringBuilder();
        try {
            JsonNode parsed = Json.parse(body);
            for (Map.Entry<String, JsonNode> e : parsed.properties()) {
                if (!form.isEmpty()) {
                    form.append('&');
                }
                form.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString(),
                                StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException notJson) {
            form.append(body);
        }
        if (form.isEmpty() || r.nextInt(3) == 0) {
            form.append(pick(r, List.of("&%", "&a=%zz", "&=&&=", "&consentNewsletter=on&consentNewsletter=off",
                    "&email=%E9", "&category=militant&category=curieux", "&website=bot", "&wordingVersion=",
                    "&email=" + URLEncoder.encode(pick(r, NASTY), StandardCharsets.UTF_8))));
        }
        event.put("body", form.toString());
        event.put("isBase64Encoded", false);
        applied.add("form");
    }

    private static void auth(ObjectNode event, Random r, Keys keys, List<String> applied) {
        ObjectNode headers = headersOf(event);
        String own = keys.own() == null ? keys.hq() : keys.own();
        int variant = r.nextInt(16);
        String value = switch (variant) {
            case 0 -> null;
            case 1 -> "Bearer " + keys.foreign();
            case 2 -> "Bearer " + keys.hq();
            case 3 -> "Bearer " + keys.revoked();
            case 4 -> "Bearer ";
            case 5 -> "Bearer et_";
            case 6 -> "bearer " + own;
            case 7 -> "Basic " + Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8));
            case 8 -> "Bearer " + own + pick(r, List.of(" ", "\n", "\u0000", "x", ",Bearer " + keys.foreign()));
            case 9 -> "Bearer " + own.substring(0, r.nextInt(own.length()));
            case 10 -> "Bearer " + flipChars(own, r);
            case 11 -> "Bearer " + "et_" + "a".repeat(r.nextInt(5000));
            case 12 -> "Bearer " + own.substring(0, own.lastIndexOf('_') + 1);
            case 13 -> "Bearer et_\u00e9\u00e9\u00e9_" + "\uD83D\uDE00".repeat(20);
            case 14 -> "BEARER    " + own;
            default -> "Bearer " + pick(r, NASTY);
        };
        if (value == null) {
            headers.remove("authorization");
            applied.add("auth.removed");
        } else {
            headers.put(r.nextInt(6) == 0 ? "Authorization" : "authorization", value);
            applied.add("auth." + variant); // the value itself may hold a secret: not printed
        }
    }

    private static void headers(ObjectNode event, Random r, Keys keys, List<String> applied) {
        switch (r.nextInt(8)) {
            case 0 -> {
                event.remove("headers");
                applied.add("headers.removed");
            }
            case 1 -> {
                event.set("headers", pick(r, List.<JsonNode>of(NODES.arrayNode().add("x"), NODES.textNode("a: b"),
                        NODES.nullNode(), NODES.numberNode(3))));
                applied.add("headers.wrongType");
            }
            case 2 -> {
                ObjectNode headers = headersOf(event);
                String name = pick(r, List.of("content-type", "authorization", "origin", "user-agent", "host", "x-forwarded-for"));
                headers.set(name, randomValue(r, 2));
                applied.add("headers." + name + ".wrongType");
            }
            case 3 -> {
                ObjectNode headers = headersOf(event);
                headers.put("origin", pick(r, List.of("null", "http://localhost:3000", "https://evil.example", "",
                        "http://localhost:3000/", "HTTP://LOCALHOST:3000", "x".repeat(3000))));
                headers.put("access-control-request-method", pick(r, METHODS));
                applied.add("headers.origin");
            }
            case 4 -> {
                ObjectNode headers = headersOf(event);
                for (int i = 0; i < 50 + r.nextInt(150); i++) {
                    headers.put("x-fuzz-" + i, pick(r, NASTY));
                }
                applied.add("headers.many");
            }
            case 5 -> {
                ObjectNode headers = headersOf(event);
                headers.put("user-agent", pick(r, List.of("", "Googlebot/2.1", "curl/8", "x".repeat(8000),
                        "Mozilla/5.0 \u0000", "GoogleImageProxy", "\uD83D\uDE00")));
                applied.add("headers.userAgent");
            }
            case 6 -> {
                ObjectNode headers = headersOf(event);
                // The same header twice under different cases: which one wins must not matter for safety.
                headers.put("Content-Type", pick(r, CONTENT_TYPES));
                headers.put("AUTHORIZATION", "Bearer " + (r.nextBoolean() ? keys.foreign() : "et_x_y"));
                applied.add("headers.duplicates");
            }
            default -> {
                ObjectNode headers = headersOf(event);
                headers.put(pick(r, NASTY), pick(r, NASTY));
                applied.add("headers.odd");
            }
        }
    }

    private static void pathParameters(ObjectNode event, Random r, List<String> applied) {
        JsonNode existing = event.get("pathParameters");
        if (r.nextInt(10) == 0) {
            if (r.nextBoolean()) {
                event.remove("pathParameters");
            } else {
                event.set("pathParameters", pick(r, List.<JsonNode>of(NODES.arrayNode(), NODES.textNode("fed=06"), NODES.nullNode())));
            }
            applied.add("path.removed");
            return;
        }
        ObjectNode params = existing instanceof ObjectNode o ? o : event.putObject("pathParameters");
        List<String> names = new ArrayList<>();
        params.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() || r.nextInt(6) == 0 ? pick(r, PATH_NAMES) : pick(r, names);
        switch (r.nextInt(6)) {
            case 0 -> params.remove(name);
            case 1 -> params.set(name, randomValue(r, 1));
            case 2 -> params.put(name, params.path(name).asText("06") + pick(r, List.of("/13", "/../13", "%2F", "\u0000", " ", "#x")));
            case 3 -> params.put(name, longText(r));
            default -> params.put(name, pick(r, NASTY));
        }
        applied.add("path." + name);
    }

    private static void query(ObjectNode event, Random r, List<String> applied) {
        switch (r.nextInt(6)) {
            case 0 -> {
                String raw = pick(r, List.of("%", "a=%E9%", "t=%zz", "&&&", "=", "t=" + "x".repeat(9000), "limit=1&limit=2",
                        "t=%00", "format=csv&format=json", "scope=" + "y".repeat(3000), "from=%2B999999999-01-01"));
                event.put("rawQueryString", raw);
                if (r.nextBoolean()) {
                    event.remove("queryStringParameters");
                }
                applied.add("query.raw");
            }
            case 1 -> {
                event.set("queryStringParameters", pick(r, List.<JsonNode>of(NODES.arrayNode().add("limit=1"),
                        NODES.textNode("limit=1"), NODES.nullNode(), NODES.numberNode(1))));
                applied.add("query.wrongType");
            }
            default -> {
                ObjectNode query = event.get("queryStringParameters") instanceof ObjectNode o ? o
                        : event.putObject("queryStringParameters");
                // Mostly the parameters the route reads (those of its seed), sometimes any.
                List<String> present = new ArrayList<>();
                query.fieldNames().forEachRemaining(present::add);
                String name = present.isEmpty() || r.nextInt(3) == 0 ? pick(r, QUERY_NAMES) : pick(r, present);
                if (name.equals("cursor") && r.nextBoolean()) {
                    query.put(name, forgedCursor(r));
                } else if (List.of("from", "to", "since", "until", "at").contains(name) && r.nextInt(5) < 3) {
                    query.put(name, pick(r, DATES));
                    if (r.nextBoolean()) { // the other end of the range too: equal, inverted, both extreme
                        String other = switch (name) {
                            case "from" -> "to";
                            case "to" -> "from";
                            case "since" -> "until";
                            case "until" -> "since";
                            default -> "at";
                        };
                        query.put(other, r.nextBoolean() ? query.get(name).asText() : pick(r, DATES));
                    }
                } else if (r.nextInt(8) == 0) {
                    query.set(name, randomValue(r, 1));
                } else if (r.nextInt(5) == 0) {
                    query.put(name, longText(r));
                } else {
                    query.put(name, r.nextInt(3) == 0 ? numberLike(r) : pick(r, NASTY));
                }
                applied.add("query." + name);
            }
        }
    }

    private static void method(ObjectNode event, Random r, List<String> otherRouteKeys, List<String> applied) {
        ObjectNode http = httpOf(event);
        switch (r.nextInt(6)) {
            case 0 -> {
                String method = pick(r, METHODS);
                http.put("method", method);
                applied.add("method=" + method);
            }
            case 1 -> {
                http.set("method", randomValue(r, 1));
                applied.add("method.wrongType");
            }
            case 2, 3 -> {
                String routeKey = pick(r, otherRouteKeys);
                event.put("routeKey", routeKey);
                if (r.nextBoolean()) {
                    http.put("method", routeKey.substring(0, routeKey.indexOf(' ')));
                }
                applied.add("routeKey=" + routeKey);
            }
            case 4 -> {
                if (r.nextBoolean()) {
                    event.remove("routeKey");
                } else {
                    event.set("routeKey", randomValue(r, 1));
                }
                applied.add("routeKey.odd");
            }
            default -> {
                String routeKey = pick(r, List.of("$default", "ANY /{proxy+}", "GET /v1/federations/{fed}/contacts/{id}",
                        "POST /v1/api-keys", "DELETE /v1/blackouts/{id}", "GET /v1/o/{token}", "PATCH /v1/federations/{fed}",
                        "GET /v1/national/stats", "GET /v1/confirm", "POST /v1/federations/{fed}/signups"));
                event.put("routeKey", routeKey);
                applied.add("routeKey=" + routeKey);
            }
        }
    }

    private static void context(ObjectNode event, Random r, List<String> applied) {
        switch (r.nextInt(6)) {
            case 0 -> {
                event.set("requestContext", pick(r, List.<JsonNode>of(NODES.textNode("ctx"), NODES.arrayNode(), NODES.nullNode())));
                applied.add("context.wrongType");
            }
            case 1 -> {
                event.remove("requestContext");
                applied.add("context.removed");
            }
            case 2 -> {
                ObjectNode http = httpOf(event);
                http.set("sourceIp", pick(r, List.<JsonNode>of(NODES.textNode(""), NODES.textNode("::1"),
                        NODES.textNode("999.999.1.1"), NODES.textNode("203.0.113.10, 10.0.0.1"), NODES.textNode("x".repeat(5000)),
                        NODES.numberNode(42), NODES.nullNode(), NODES.textNode("2001:db8::" + r.nextInt(65536)),
                        NODES.textNode("198.51.100." + r.nextInt(256)))));
                applied.add("context.sourceIp");
            }
            case 3 -> {
                ObjectNode context = event.get("requestContext") instanceof ObjectNode o ? o : event.putObject("requestContext");
                context.set("requestId", randomValue(r, 2));
                applied.add("context.requestId");
            }
            case 4 -> {
                // Payload format 1.0 shapes.
                event.put("version", "1.0");
                event.put("httpMethod", pick(r, METHODS));
                event.put("path", event.path("rawPath").asText("/"));
                if (event.get("requestContext") instanceof ObjectNode o) {
                    o.remove("http");
                }
                applied.add("context.v1");
            }
            default -> {
                ObjectNode http = httpOf(event);
                http.set("userAgent", randomValue(r, 1));
                applied.add("context.userAgent");
            }
        }
    }

    /** Any node of the event replaced by a random value (the generic mutation). */
    private static void tree(ObjectNode event, Random r, List<String> applied) {
        applied.add("tree." + mutateSomewhere(event, r));
    }

    // --- EventBridge events and schedule payloads -----------------------------------------------------------

    /** One to three mutations of an EventBridge event or a schedule's payload, in place. */
    static JsonNode mutateEvent(ObjectNode event, Random r, List<String> applied) {
        JsonNode result = event;
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count && result instanceof ObjectNode current; i++) {
            switch (r.nextInt(9)) {
                case 0, 1, 2, 3 -> {
                    JsonNode target = current.get("detail") instanceof ContainerNode<?> detail && r.nextInt(4) != 0 ? detail : current;
                    applied.add((target == current ? "event." : "detail.") + mutateSomewhere(target, r));
                }
                case 4 -> {
                    String type = pick(r, DETAIL_TYPES);
                    current.put("detail-type", type);
                    applied.add("detailType=" + type);
                }
                case 5 -> {
                    if (r.nextBoolean()) {
                        current.remove("detail");
                    } else {
                        current.set("detail", randomValue(r, 2));
                    }
                    applied.add("detail.replaced");
                }
                case 6 -> {
                    if (r.nextInt(4) == 0) {
                        result = pick(r, List.<JsonNode>of(NODES.arrayNode(), NODES.textNode("event"), NODES.numberNode(42),
                                NODES.nullNode(), NODES.objectNode(), NODES.booleanNode(true)));
                        applied.add("event.replaced");
                    } else {
                        current.set(pick(r, List.of("id", "source", "time", "version", "account", "region", "resources")),
                                randomValue(r, 1));
                        applied.add("event.envelope");
                    }
                }
                case 7 -> {
                    JsonNode target = current.get("detail") instanceof ObjectNode detail ? detail : current;
                    ((ObjectNode) target).put(pick(r, List.of("now", "period", "cadence", "federation", "federations",
                            "newsletterId", "eventType")), pick(r, NASTY));
                    applied.add("field.nasty");
                }
                default -> {
                    JsonNode target = current.get("detail") instanceof ContainerNode<?> detail ? detail : current;
                    ArrayNode anyArray = firstArray(target);
                    if (anyArray != null) {
                        int copies = r.nextInt(80);
                        JsonNode sample = anyArray.isEmpty() ? randomValue(r, 1) : anyArray.get(0);
                        for (int c = 0; c < copies; c++) {
                            anyArray.add(sample.deepCopy());
                        }
                        applied.add("array.grown(" + anyArray.size() + ")");
                    } else {
                        applied.add("event." + mutateSomewhere(current, r));
                    }
                }
            }
        }
        return result;
    }

    // --- bytes --------------------------------------------------------------------------------------------

    /** One to three byte-level mutations of a serialized event. */
    static byte[] mutateBytes(byte[] json, Random r, List<String> applied) {
        byte[] bytes = json;
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            switch (r.nextInt(12)) {
                case 0 -> {
                    bytes = java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : r.nextInt(bytes.length));
                    applied.add("bytes.truncated");
                }
                case 1, 2 -> {
                    bytes = bytes.clone();
                    int flips = 1 + r.nextInt(8);
                    for (int f = 0; f < flips && bytes.length > 0; f++) {
                        bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    applied.add("bytes.bitflips");
                }
                case 3, 4 -> {
                    // Invalid UTF-8 inside a string value, keeping the JSON structure.
                    int quote = indexOfQuote(bytes, r);
                    byte[] bad = pick(r, List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}));
                    bytes = splice(bytes, quote < 0 ? r.nextInt(bytes.length + 1) : quote + 1, 0, bad);
                    applied.add("bytes.invalidUtf8");
                }
                case 5 -> {
                    if (bytes.length > 2) {
                        int from = r.nextInt(bytes.length);
                        int len = Math.min(bytes.length - from, 1 + r.nextInt(40));
                        bytes = splice(bytes, from, len, new byte[0]);
                    }
                    applied.add("bytes.deleted");
                }
                case 6 -> {
                    if (bytes.length > 2) {
                        int from = r.nextInt(bytes.length);
                        int len = Math.min(bytes.length - from, 1 + r.nextInt(200));
                        bytes = splice(bytes, from, 0, java.util.Arrays.copyOfRange(bytes, from, from + len));
                    }
                    applied.add("bytes.duplicated");
                }
                case 7 -> {
                    // A duplicate top-level key right after the opening brace: the parser keeps the last one.
                    String dup = pick(r, List.of("\"body\":\"dup\",", "\"headers\":{},", "\"routeKey\":\"GET /\",",
                            "\"pathParameters\":{\"fed\":\"13\"},", "\"detail\":{},", "\"isBase64Encoded\":true,",
                            "\"requestContext\":null,", "\"detail-type\":\"Email Bounced\","));
                    int brace = indexOf(bytes, (byte) '{');
                    bytes = splice(bytes, brace < 0 ? 0 : brace + 1, 0, dup.getBytes(StandardCharsets.UTF_8));
                    applied.add("bytes.duplicateKey");
                }
                case 8 -> {
                    bytes = pick(r, List.of(new byte[0], "null".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8),
                            "\"x\"".getBytes(StandardCharsets.UTF_8), "42".getBytes(StandardCharsets.UTF_8),
                            "{}".getBytes(StandardCharsets.UTF_8), " \n ".getBytes(StandardCharsets.UTF_8),
                            DEEP_ARRAYS, DEEP_OBJECTS));
                    applied.add("bytes.replaced(" + bytes.length + ")");
                }
                case 9 -> {
                    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                    bytes = r.nextBoolean() ? splice(bytes, 0, 0, bom)
                            : new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
                    applied.add("bytes.encoding");
                }
                case 10 -> {
                    byte[] junk = new byte[1 + r.nextInt(30)];
                    r.nextBytes(junk);
                    bytes = splice(bytes, r.nextInt(bytes.length + 1), 0, junk);
                    applied.add("bytes.junk");
                }
                default -> {
                    // A big number where a value was, e.g. "isBase64Encoded":1e999999.
                    int colon = indexOf(bytes, (byte) ':');
                    byte[] number = pick(r, List.of("1e999999", "-0", "123456789012345678901234567890",
                            "0.0000000000000000000001", "NaN", "Infinity")).getBytes(StandardCharsets.UTF_8);
                    bytes = splice(bytes, colon < 0 ? 0 : colon + 1, 0, number);
                    applied.add("bytes.number");
                }
            }
        }
        return bytes;
    }

    // --- building blocks ------------------------------------------------------------------------------------

    /** Replaces, removes or adds one node somewhere in the tree; returns what it did. */
    static String mutateSomewhere(JsonNode root, Random r) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers, 0);
        if (containers.isEmpty()) {
            return "none";
        }
        ContainerNode<?> parent = pick(r, containers);
        if (parent instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int op = r.nextInt(names.isEmpty() ? 1 : 5);
            if (op == 0) {
                String name = r.nextBoolean() ? pick(r, NASTY) : "extra" + r.nextInt(100);
                object.set(name, randomValue(r, 2));
                return "added";
            }
            String name = pick(r, names);
            switch (op) {
                case 1 -> object.remove(name);
                case 2 -> object.set(name, randomValue(r, 2));
                case 3 -> object.put(name, pick(r, NASTY));
                default -> object.set(name, edge(object.get(name), r));
            }
            return (op == 1 ? "removed:" : "set:") + shorten(name);
        }
        ArrayNode array = (ArrayNode) parent;
        int op = r.nextInt(array.isEmpty() ? 1 : 4);
        switch (op) {
            case 0 -> array.add(randomValue(r, 2));
            case 1 -> array.remove(r.nextInt(array.size()));
            case 2 -> array.set(r.nextInt(array.size()), randomValue(r, 2));
            default -> array.add(array.get(r.nextInt(array.size())).deepCopy()); // duplicate item
        }
        return "array" + op;
    }

    /** A value of the same kind pushed to an edge: long, empty, odd characters, extreme numbers. */
    private static JsonNode edge(JsonNode value, Random r) {
        if (value != null && value.isTextual()) {
            String text = value.asText();
            if (DATE_LIKE.matcher(text).matches() && r.nextBoolean()) {
                return NODES.textNode(pick(r, DATES));
            }
            return switch (r.nextInt(6)) {
                case 0 -> NODES.textNode(text.repeat(50 + r.nextInt(500)));
                case 1 -> NODES.textNode("");
                case 2 -> NODES.textNode(text.toUpperCase());
                case 3 -> NODES.textNode(" " + text + " ");
                case 4 -> NODES.textNode(insert(text, r, pick(r, NASTY)));
                default -> NODES.textNode(flipChars(text, r));
            };
        }
        if (value != null && value.isNumber()) {
            return NODES.numberNode(pick(r, List.of(new BigInteger("0"), new BigInteger("-1"), new BigInteger("2147483648"),
                    new BigInteger("9223372036854775808"), BigInteger.TEN.pow(40))));
        }
        return randomValue(r, 2);
    }

    static JsonNode randomValue(Random r, int depth) {
        return switch (r.nextInt(depth <= 0 ? 9 : 12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextInt());
            case 3 -> NODES.numberNode(pick(r, List.of(-0.0, 1.5, 1e308, Double.MIN_VALUE)));
            case 4 -> NODES.numberNode(BigInteger.TEN.pow(30 + r.nextInt(10)));
            case 5, 6 -> NODES.textNode(pick(r, NASTY));
            case 7 -> NODES.textNode("x".repeat(r.nextInt(8) == 0 ? 20_000 : r.nextInt(300)));
            case 8 -> NODES.textNode(numberLike(r));
            case 9 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    array.add(randomValue(r, depth - 1));
                }
                yield array;
            }
            case 10 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    object.set(pick(r, NASTY), randomValue(r, depth - 1));
                }
                yield object;
            }
            default -> Json.parse(deepJson(20 + r.nextInt(500), r.nextBoolean())); // writable again (limit 1000)
        };
    }

    /** Lengths around the limits of keys and fields: DynamoDB's 1024 and 2048 bytes, our 200-character checks. */
    private static String longText(Random r) {
        String unit = pick(r, List.of("k", "é", "\uD83D\uDE00", "0"));
        return unit.repeat(pick(r, List.of(65, 101, 201, 257, 1025, 2049, 5000)));
    }

    private static String numberLike(Random r) {
        return pick(r, List.of("0", "-1", "1", "200", "201", "100", "101", "1e3", "1.5", "2147483648", "-2147483649",
                "99999999999999999999", "0x1F", "+5", " 5", "5 ", "٥", "Infinity"));
    }

    /**
     * A cursor shaped like the ones the stores issue (base64url JSON of the last key: pk, sk, gsi1pk, gsi1sk), with
     * odd values: it must be refused as not ours or lead to a page, never reach DynamoDB as an invalid key.
     */
    static String forgedCursor(Random r) {
        ObjectNode cursor = NODES.objectNode();
        cursor.put("pk", pick(r, List.of("CONTACT#", "CONTENT#", "CONTENT#06#", "")) + pick(r, List.of("c1", "kSAMPLE0000000000",
                "x".repeat(600), "\uD800", "é", "", "#")));
        cursor.put("sk", pick(r, List.of("CONTACT", "CONTENT", "APPROVED", "", "x".repeat(700), "\u0000")));
        cursor.put("gsi1pk", pick(r, List.of("CONTACTS", "CONTENTS", "CONTENTS#approved", "APIKEYS#06", "")));
        cursor.put("gsi1sk", pick(r, List.of("2026-11-24T10:00:00Z#c1", "0#06#k0000000000000000", "", "~", "x".repeat(600),
                "\uDFFF", "9999-12-31T23:59:59Z#06#kSAMPLE0000000000")));
        switch (r.nextInt(5)) {
            case 0 -> cursor.put("extra", 1);
            case 1 -> cursor.remove(pick(r, List.of("pk", "sk", "gsi1pk", "gsi1sk")));
            case 2 -> cursor.put(pick(r, List.of("pk", "sk", "gsi1pk", "gsi1sk")), r.nextInt());
            default -> { }
        }
        byte[] json = Json.write(cursor).getBytes(StandardCharsets.UTF_8);
        return r.nextInt(4) == 0 ? Base64.getEncoder().encodeToString(json) : Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** Arrays or objects nested {@code depth} deep (Jackson refuses beyond 1000 when parsing). */
    static String deepJson(int depth, boolean objects) {
        StringBuilder sb = new StringBuilder(depth * (objects ? 6 : 2) + 4);
        for (int i = 0; i < depth; i++) {
            sb.append(objects ? "{\"a\":" : "[");
        }
        sb.append("1");
        for (int i = 0; i < depth; i++) {
            sb.append(objects ? "}" : "]");
        }
        return sb.toString();
    }

    private static String csvLike(Random r) {
        if (r.nextInt(3) == 0) {
            // Imports with a proof of consent: its date is parsed and kept.
            StringBuilder csv = new StringBuilder("email;consentWordingVersion;consentDate;consentSource;tags\n");
            for (int i = r.nextInt(10); i >= 0; i--) {
                csv.append("proof").append(r.nextInt(100_000)).append("@example.org;").append(pick(r, List.of("2026-11", "", "x")))
                        .append(';').append(pick(r, DATES)).append(';').append(pick(r, List.of("salon", "", "x".repeat(300))))
                        .append(';').append(pick(r, List.of("a|b", "|||", "t".repeat(60), "", "é"))).append('\n');
            }
            return csv.toString();
        }
        StringBuilder csv = new StringBuilder(pick(r, List.of("email;prenom;categorie\n", "email,firstName,category\n",
                "\uFEFFemail;prénom;catégorie\n", "\"email\";\"nom\"\n", "prenom;nom\n", "", "email\n", "email;;;;;;\n")));
        for (int i = r.nextInt(30); i > 0; i--) {
            csv.append(pick(r, List.of("lea" + r.nextInt(1000) + "@example.org;Léa;curieux\n", "\"a@b.org;x\n",
                    "a@b.org;\"unterminated\n", ";;;\n", "\n", "\r\n", pick(r, NASTY) + ";" + pick(r, NASTY) + "\n",
                    "x@example.org;" + "y".repeat(5000) + ";militant\n", "x@example.org;\"a\"\"b\";sympathisant\n")));
        }
        return csv.toString();
    }

    private static String duplicateKey(String body, Random r) {
        int colon = body.indexOf("\":");
        int end = body.lastIndexOf('}');
        if (colon < 0 || end < 0) {
            return body + body;
        }
        int start = body.lastIndexOf('"', colon - 1);
        if (start < 0) {
            return body;
        }
        String key = body.substring(start, colon + 2);
        return body.substring(0, end) + "," + key + Json.write(randomValue(r, 1)) + body.substring(end);
    }

    private static String flipChars(String text, Random r) {
        if (text.isEmpty()) {
            return "x";
        }
        StringBuilder sb = new StringBuilder(text);
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            int at = r.nextInt(sb.length());
            sb.setCharAt(at, (char) (sb.charAt(at) ^ (1 << r.nextInt(7))));
        }
        return sb.toString();
    }

    private static String insert(String text, Random r, String what) {
        int at = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
        return text.substring(0, at) + what + text.substring(at);
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> out, int depth) {
        if (node instanceof ContainerNode<?> container && depth < 12) {
            out.add(container);
            for (JsonNode child : node) {
                collect(child, out, depth + 1);
            }
        }
    }

    private static ArrayNode firstArray(JsonNode node) {
        if (node instanceof ArrayNode array) {
            return array;
        }
        for (JsonNode child : node) {
            ArrayNode found = firstArray(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ObjectNode headersOf(ObjectNode event) {
        return event.get("headers") instanceof ObjectNode o ? o : event.putObject("headers");
    }

    private static ObjectNode httpOf(ObjectNode event) {
        ObjectNode context = event.get("requestContext") instanceof ObjectNode o ? o : event.putObject("requestContext");
        return context.get("http") instanceof ObjectNode h ? h : context.putObject("http");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfQuote(byte[] bytes, Random r) {
        if (bytes.length == 0) {
            return -1;
        }
        int from = r.nextInt(bytes.length);
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                return i;
            }
        }
        return indexOf(bytes, (byte) '"');
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
        out.write(bytes, 0, at);
        out.write(insert, 0, insert.length);
        out.write(bytes, at + remove, bytes.length - at - remove);
        return out.toByteArray();
    }

    static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static String shorten(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 24 ? clean.substring(0, 24) + "…(" + text.length() + ")" : clean;
    }
}
