package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationSeed;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every HTTP function of the wiring table takes {@value #DEFAULT_ITERATIONS} malformed or mutated requests, every
 * event-driven function {@value #DEFAULT_EVENT_ITERATIONS} malformed or mutated events, in-process (see
 * {@link RequestMutator}). Requests: never a 5xx, never an exception out of the handler, every refusal a 4xx with
 * a JSON {@code {code, message, field}} body (an HTML page where the route is a page: confirm, unsubscribe, the
 * click redirect, the form signup; the open pixel is always its GIF). Events: never an exception (Lambda would
 * retry it); a malformed event is logged and dropped. In both, an ERROR log line means a failure was swallowed
 * somewhere: it counts as a finding too. About a quarter of the cases go through the raw
 * {@code handleRequest(InputStream, OutputStream, Context)} path with byte-level mutations of the serialized event.
 *
 * <p>Mutations start from the samples in {@code events/} and from valid bodies, with real keys of the right
 * federation (or HQ) and real ids, so many pass authentication and validation and reach the domain. The functions
 * run on a stage of their own ({@code eterrain-fuzz-*} tables, a handful of federations, its own bucket) so what
 * a mutated-but-valid request changes (origins, blackouts, paused sending…) never reaches the other tests; SES and
 * EventBridge point at a sink in this test, so nothing floods the SES emulator and no event reaches the bus.
 *
 * <p>Deterministic: {@code -Dfuzz.seed=…} (printed), {@code -Dfuzz.iterations=…}, {@code -Dfuzz.eventIterations=…},
 * {@code -Dfuzz.threads=…}, {@code -Dfuzz.functions=contacts,signup} and {@code -Dfuzz.only=contacts:1234} to replay
 * one case with its event printed.
 */
@Tag("reliability")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandlerFuzzIT {
    static final int DEFAULT_ITERATIONS = 10_000;
    static final int DEFAULT_EVENT_ITERATIONS = 1_000;
    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", DEFAULT_ITERATIONS);
    private static final int EVENT_ITERATIONS = Integer.getInteger("fuzz.eventIterations", DEFAULT_EVENT_ITERATIONS);
    private static final int THREADS = Integer.getInteger("fuzz.threads", 4);
    private static final String ONLY = System.getProperty("fuzz.only");
    private static final Set<String> FUNCTIONS = System.getProperty("fuzz.functions", "").isBlank() ? Set.of()
            : Set.of(System.getProperty("fuzz.functions").split(","));
    private static final Duration LIMIT = Duration.ofMinutes(Long.getLong("fuzz.limitMinutes", 8));
    /** A request slower than this is a finding (a pathological regex, a loop): Lambda would time out. */
    private static final Duration SLOW = Duration.ofSeconds(20);
    private static final int CHUNK = 250;
    private static final String PREFIX = "eterrain-fuzz";
    /** The stage's federations: a few tables instead of 102 keep provisioning and full retention runs quick. */
    private static final List<String> FEDERATIONS = List.of("06", "13", "2A", "971", "FFE");
    /** Functions whose routes are pages for people: refusals may be HTML. */
    private static final Set<String> PAGES = Set.of("confirm", "unsubscribe", "redirect", "signup");
    /** Routes of other functions that are pages for people (their refusals are HTML pages too). */
    private static final Set<String> PAGE_ROUTES = Set.of("GET /v1/contents/{fed}/{id}/page");

    /** Sign-outs end the very sessions the other cases use: SignInIT and the permission matrix cover them. */
    private static final Set<String> NOT_FUZZED = Set.of("POST /v1/sign-out", "POST /v1/sign-out/everywhere");
    /** Functions with few routes, mostly refused early: fewer cases keep the test's time (HTTP iterations each). */
    private static final Map<String, Integer> LEAN = Map.of("auth", 1_500, "people", 1_500);
    /** A coordinator's session of the fuzz stage (people routes, /v1/me), and the person its people cases act on. */
    private static String sessionCookie;
    private static String siteOrigin;
    private static String targetPersonId;

    private static Sink sink;
    private static LogTap logTap;
    private static FunctionRegistry functions;
    private static Fixture fixture;
    private static Wiring wiring;
    private static final Findings findings = new Findings();

    /** Ids and keys on the fuzz stage, made through the handlers themselves. */
    private record Fixture(RequestMutator.Keys keys06, RequestMutator.Keys keys13, String hq,
                           List<String> revocableKeyIds, String contactId, List<String> erasableContactIds,
                           String newsletterId, String sendNewsletterId, String approvedContentId, String multipartContentId,
                           String contentId, String uploadKey, String blackoutId, String confirmToken,
                           String unsubscribeToken, String pixelToken, String clickToken, String foreignPixelToken,
                           List<String> signupRequestIds) {
    }

    @BeforeAll
    static void stage() throws Exception {
        long start = System.nanoTime();
        TestStack stack = TestStack.get();
        sink = Sink.start();
        Settings settings = stack.settings().with(Map.of(
                "TABLE_PREFIX", PREFIX,
                "CONTENT_BUCKET", PREFIX + "-content",
                "AWS_ENDPOINT_URL_SESV2", sink.url(),
                "AWS_ENDPOINT_URL_EVENTBRIDGE", sink.url(),
                "SIGNUP_SOURCE_LIMIT", "1000000000",
                "SIGNIN_SOURCE_LIMIT", "1000000000",
                "SES_MAX_SEND_RATE", "1000",
                "DISPATCH_BUDGET", "PT2S"));
        provision(settings, stack.apiUrl());
        wiring = Wiring.load();
        functions = new FunctionRegistry(wiring, settings);
        fixture = fixture(settings);
        logTap = new LogTap(System.out);
        Log.redirect(logTap);
        System.err.printf("[fuzz] seed %d (replay with -Dfuzz.seed=%d), %d requests per HTTP function, %d events per event "
                        + "function, %d threads; stage ready in %d ms%n", SEED, SEED, ITERATIONS, EVENT_ITERATIONS, THREADS,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @AfterAll
    static void tearDown() {
        Log.redirect(System.out);
        if (sink != null) {
            sink.close();
        }
    }

    // --- HTTP ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyHttpFunctionSurvivesMutatedRequests() throws Exception {
        Map<String, List<Wiring.Route>> byFunction = new TreeMap<>();
        for (Wiring.Route route : wiring.routes()) {
            if (Set.of("public", "federation", "hq").contains(route.access()) && selected(route.function())
                    && !NOT_FUZZED.contains(route.routeKey())) {
                byFunction.computeIfAbsent(route.function(), f -> new ArrayList<>()).add(route);
            }
        }
        Map<String, List<ObjectNode>> seeds = new LinkedHashMap<>();
        for (List<Wiring.Route> routes : byFunction.values()) {
            for (Wiring.Route route : routes) {
                seeds.put(route.routeKey(), seedsFor(route));
            }
        }
        sanityCheckSeeds(byFunction, seeds);
        Stats stats = new Stats();
        long start = System.nanoTime();
        List<Runnable> tasks = new ArrayList<>();
        for (var entry : byFunction.entrySet()) {
            String function = entry.getKey();
            List<Wiring.Route> routes = entry.getValue();
            // Route confusion swaps in any route of the function but the destructive ones: a read's seed turned
            // into an erasure would erase the fixtures the other routes need (those routes have their own seeds).
            List<String> routeKeys = routes.stream().filter(r -> !r.method().equals("DELETE")
                    && !r.path().matches(".*/(send|cancel)$")).map(Wiring.Route::routeKey).toList();
            if (routeKeys.isEmpty()) {
                routeKeys = routes.stream().map(Wiring.Route::routeKey).toList();
            }
            List<String> confusable = routeKeys;
            int iterations = Math.min(ITERATIONS, LEAN.getOrDefault(function, ITERATIONS));
            for (int from = 0; from < iterations; from += CHUNK) {
                int first = from;
                int last = Math.min(iterations, from + CHUNK);
                tasks.add(() -> {
                    for (int i = first; i < last; i++) {
                        if (ONLY == null || ONLY.equals(function) || ONLY.equals(function + ":" + i)) {
                            httpCase(function, routes, confusable, seeds, i, stats);
                        }
                    }
                });
            }
        }
        run(tasks, "http");
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        stats.print("HTTP", ms);
        stats.printRoutes(byFunction);
        findings.assertNone("HTTP");
        if (ONLY == null) {
            stats.assertDepth(byFunction);
        }
    }

    private void httpCase(String function, List<Wiring.Route> routes, List<String> routeKeys, Map<String, List<ObjectNode>> seeds,
                          int i, Stats stats) {
        Random r = new Random(caseSeed(function, i));
        Wiring.Route route = routes.get(i % routes.size());
        List<ObjectNode> routeSeeds = seeds.get(route.routeKey());
        ObjectNode event = routeSeeds.get(r.nextInt(routeSeeds.size())).deepCopy();
        if (event.get("requestContext") instanceof ObjectNode context) {
            context.put("requestId", "fuzz-" + function + "-" + i);
        }
        if (function.equals("signup")) {
            uniqueEmail(event, "fuzz-signup-" + i + "@example.org");
        }
        List<String> applied = new ArrayList<>();
        RequestMutator.Keys keys = route.access().equals("hq") ? new RequestMutator.Keys(fixture.hq(), fixture.keys06().own(),
                fixture.hq(), fixture.keys06().revoked()) : route.path().contains("{fed}") && "13".equals(event.at("/pathParameters/fed").asText())
                ? fixture.keys13() : fixture.keys06();
        if (r.nextInt(40) != 0) { // one in forty: the seed as is, a control
            RequestMutator.mutateHttp(event, r, keys, routeKeys, applied);
        }
        boolean raw = r.nextInt(4) == 0;
        HttpFunction handler = functions.http(function);
        String label = function + ":" + i;
        List<String> errors = logTap.begin();
        long t0 = System.nanoTime();
        HttpResponse response = null;
        String failure = null;
        boolean formPost = false; // as the handler saw the request: a form post's refusals are pages
        try {
            if (raw) {
                byte[] bytes = Json.write(event).getBytes(StandardCharsets.UTF_8);
                if (r.nextBoolean()) {
                    bytes = RequestMutator.mutateBytes(bytes, r, applied);
                }
                formPost = isForm(bytes) || isPageRoute(bytes);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(bytes), out, null);
                response = fromOutput(out.toByteArray());
                if (response == null) {
                    failure = "handleRequest wrote no API Gateway response: " + RequestMutator.shorten(out.toString(StandardCharsets.UTF_8));
                }
            } else {
                formPost = isForm(event) || isPageRoute(event);
                response = handler.handleEvent(event, "fuzz");
                if (response == null) {
                    failure = "handleEvent returned null";
                }
            }
            if (failure == null) {
                failure = check(function, response, formPost);
            }
        } catch (Throwable e) {
            failure = "exception " + describe(e);
        } finally {
            logTap.end();
        }
        long micros = (System.nanoTime() - t0) / 1000;
        if (failure == null && !errors.isEmpty()) {
            failure = "swallowed error logged: " + errorSignature(errors.get(0));
        }
        if (failure == null && micros > SLOW.toMillis() * 1000) {
            failure = "slow: " + micros / 1000 + " ms";
        }
        stats.record(function, route.routeKey(), response, raw, micros);
        if (failure != null) {
            findings.add(function + " " + route.routeKey() + (raw ? " [raw]" : "") + " → " + signature(failure, response, errors),
                    label, applied, event, response, errors);
        }
        if (ONLY != null && ONLY.contains(":")) {
            System.err.println("[fuzz] case " + label + " " + applied + "\n  event: " + RequestMutator.shorten(Json.write(event))
                    + "\n  full event: " + Json.write(event) + "\n  response: " + (response == null ? null : response.status() + " " + response.body()));
        }
    }

    /** A signup's address made unique, so a valid signup gets past the per-address throttle and reaches the mailer. */
    private static void uniqueEmail(ObjectNode event, String email) {
        String body = event.path("body").asText("");
        if (body.startsWith("{")) {
            ObjectNode json = (ObjectNode) Json.parse(body);
            json.put("email", email);
            event.put("body", Json.write(json));
        } else if (body.contains("email=")) {
            event.put("body", body.replaceFirst("email=[^&]*", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)));
        }
    }

    /** A route answering pages (PAGE_ROUTES), as the handler reads the event. */
    private static boolean isPageRoute(JsonNode event) {
        return event != null && event.isObject() && PAGE_ROUTES.contains(event.path("routeKey").asText());
    }

    private static boolean isPageRoute(byte[] event) {
        try {
            return isPageRoute(Json.mapper().readTree(event));
        } catch (IOException notJson) {
            return false;
        }
    }

    private static boolean isForm(byte[] event) {
        try {
            return isForm(Json.mapper().readTree(event));
        } catch (IOException notJson) {
            return false;
        }
    }

    private static boolean isForm(JsonNode event) {
        try {
            return event != null && event.isObject() && HttpRequest.fromEvent(event).isForm();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * What every answer must be; null when it is. Refusals are JSON {code, message, field}, except on pages for people
     * (confirm, unsubscribe, the click redirect, a signup form post), which answer with an HTML page.
     */
    private static String check(String function, HttpResponse response, boolean formPost) {
        int status = response.status();
        String type = response.headers() == null ? null : response.headers().get("content-type");
        if (status >= 500 || status < 200) {
            return "status " + status;
        }
        if (function.equals("pixel") && (status != 200 || type == null || !type.startsWith("image/gif"))) {
            return "pixel answered " + status + " " + type + " instead of its GIF";
        }
        if (type == null) {
            return status + " without content-type";
        }
        if (status >= 300 && status < 400 && status != 304 && !response.headers().containsKey("location")) {
            return status + " without location";
        }
        if (type.startsWith("application/json") && !(response.body() == null || response.body().isEmpty())) {
            JsonNode body;
            try {
                body = Json.parse(response.body());
            } catch (IllegalArgumentException e) {
                return status + " with a body that is not JSON";
            }
            if (status >= 400) {
                if (!body.path("code").isTextual() || body.path("code").asText().isBlank()) {
                    return status + " without code";
                }
                if (!body.path("message").isTextual() || body.path("message").asText().isBlank()) {
                    return status + " without message";
                }
                if (!body.has("field") || !(body.get("field").isNull() || body.get("field").isTextual())) {
                    return status + " without field";
                }
            }
            return null;
        }
        if (status >= 400) {
            boolean page = PAGES.contains(function) && (!function.equals("signup") || formPost)
                    || !PAGES.contains(function) && formPost; // a page route (PAGE_ROUTES) of another function
            if (page && type.startsWith("text/html") && response.body() != null && !response.body().isBlank()) {
                return null;
            }
            return status + " refused with " + type + " instead of a JSON {code, message, field}";
        }
        return null;
    }

    private static HttpResponse fromOutput(byte[] output) {
        JsonNode node;
        try {
            node = Json.parse(new String(output, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!node.path("statusCode").isInt() || !node.path("headers").isObject() || !node.path("body").isTextual()) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        node.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new HttpResponse(node.get("statusCode").asInt(), headers, node.get("body").asText(),
                node.path("isBase64Encoded").asBoolean(false));
    }

    /** Each seed once, unmutated: most must get through authentication, or the fuzzing stays at the door. */
    private void sanityCheckSeeds(Map<String, List<Wiring.Route>> byFunction, Map<String, List<ObjectNode>> seeds) {
        List<String> refused = new ArrayList<>();
        StringBuilder line = new StringBuilder("[fuzz] seeds:");
        for (List<Wiring.Route> routes : byFunction.values()) {
            for (Wiring.Route route : routes) {
                for (ObjectNode seed : seeds.get(route.routeKey()).subList(0, route.method().equals("DELETE") ? 1
                        : seeds.get(route.routeKey()).size())) {
                    HttpResponse response = functions.http(route.function()).handleEvent(seed.deepCopy(), "seed");
                    line.append(' ').append(route.routeKey().replace(' ', '_')).append('=').append(response.status());
                    if (response.status() == 401 || response.status() == 403 || response.status() >= 500) {
                        refused.add(route.routeKey() + " → " + response.status() + " " + response.body());
                    }
                }
            }
        }
        System.err.println(line);
        assertTrue(refused.isEmpty(), "seeds refused at the door: " + refused);
    }

    // --- events -------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void everyEventFunctionDropsMalformedEventsWithoutThrowing() throws Exception {
        Map<String, List<ObjectNode>> seeds = new TreeMap<>();
        wiring.rules().forEach(rule -> seeds.computeIfAbsent(rule.function(), f -> new ArrayList<>()));
        wiring.schedules().forEach(schedule -> seeds.computeIfAbsent(schedule.function(), f -> new ArrayList<>()));
        seeds.keySet().removeIf(f -> !selected(f));
        seeds.forEach((function, list) -> list.addAll(eventSeeds(function)));
        seeds.forEach((function, list) -> assertTrue(!list.isEmpty(), "no seed for " + function));
        Stats stats = new Stats();
        long start = System.nanoTime();
        List<Runnable> tasks = new ArrayList<>();
        for (var entry : seeds.entrySet()) {
            String function = entry.getKey();
            for (int from = 0; from < EVENT_ITERATIONS; from += CHUNK) {
                int first = from;
                int last = Math.min(EVENT_ITERATIONS, from + CHUNK);
                tasks.add(() -> {
                    for (int i = first; i < last; i++) {
                        if (ONLY == null || ONLY.equals(function) || ONLY.equals(function + ":" + i)) {
                            eventCase(function, entry.getValue(), i, stats);
                        }
                    }
                });
            }
        }
        run(tasks, "events");
        stats.print("events", Duration.ofNanos(System.nanoTime() - start).toMillis());
        findings.assertNone("events");
        if (ONLY == null) {
            // Enough mutated events still valid to reach the function's work, not only its validation.
            List<String> shallow = seeds.keySet().stream().filter(f -> stats.get(f + "|status|handled") < EVENT_ITERATIONS / 20)
                    .map(f -> f + " (" + stats.get(f + "|status|handled") + " handled)").toList();
            assertTrue(shallow.isEmpty(), "event functions the fuzzing barely got into: " + shallow);
        }
    }

    private void eventCase(String function, List<ObjectNode> seeds, int i, Stats stats) {
        Random r = new Random(caseSeed(function, i) ^ 0x5DEECE66DL);
        ObjectNode seed = seeds.get(r.nextInt(seeds.size())).deepCopy();
        List<String> applied = new ArrayList<>();
        JsonNode event = r.nextInt(40) == 0 ? seed : RequestMutator.mutateEvent(seed, r, applied);
        boolean raw = r.nextInt(4) == 0;
        EventFunction handler = functions.event(function);
        List<String> errors = logTap.begin();
        long t0 = System.nanoTime();
        String failure = null;
        JsonNode result = null;
        try {
            if (raw) {
                byte[] bytes = Json.write(event).getBytes(StandardCharsets.UTF_8);
                if (r.nextBoolean()) {
                    bytes = RequestMutator.mutateBytes(bytes, r, applied);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(bytes), out, null);
                try {
                    result = Json.parse(out.toString(StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    failure = "handleRequest wrote no JSON result";
                }
            } else {
                result = handler.handleEvent(event, "fuzz-" + function + "-" + i);
            }
        } catch (Throwable e) {
            failure = "exception " + describe(e);
        } finally {
            logTap.end();
        }
        long micros = (System.nanoTime() - t0) / 1000;
        if (failure == null && !errors.isEmpty()) {
            failure = "swallowed error logged: " + errorSignature(errors.get(0));
        }
        if (failure == null && micros > SLOW.toMillis() * 1000) {
            failure = "slow: " + micros / 1000 + " ms";
        }
        String outcome = result == null ? "none" : result.has("error") ? "dropped:" + result.at("/error/code").asText()
                : "handled";
        stats.recordEvent(function, outcome, raw, micros);
        if (failure != null) {
            findings.add(function + (raw ? " [raw]" : "") + " → " + signature(failure, null, errors), function + ":" + i,
                    applied, event, null, errors);
        }
        if (ONLY != null && ONLY.contains(":")) {
            System.err.println("[fuzz] case " + function + ":" + i + " " + applied + "\n  event: " + Json.write(event)
                    + "\n  result: " + result + (failure == null ? "" : "\n  failure: " + failure));
        }
    }

    // --- seeds --------------------------------------------------------------------------------------------

    private List<ObjectNode> seedsFor(Wiring.Route route) {
        List<ObjectNode> seeds = new ArrayList<>();
        for (ObjectNode sample : samples()) {
            if (route.routeKey().equals(sample.path("routeKey").asText())) {
                seeds.add(adapt(sample.deepCopy(), route));
            }
        }
        if (seeds.isEmpty()) {
            seeds.add(adapt(template(route), route));
        }
        // HQ reaches every federation's data, and some routes answer HQ differently (any scope, audited calls).
        if (route.access().equals("federation") && !bySession(route)) {
            ObjectNode hq = seeds.get(0).deepCopy();
            obj(hq, "headers").put("authorization", "Bearer " + fixture.hq());
            if (route.routeKey().equals("GET /v1/api-keys")) {
                withQuery(hq, Map.of("scope", "13"));
            }
            seeds.add(hq);
        }
        // The same route with the other valid shapes it takes.
        switch (route.routeKey()) {
            case "POST /v1/federations/{fed}/signups" -> seeds.add(withBody(adapt(template(route), route), "application/json",
                    Contacts.signupJson("fuzz-seed@example.org", "Léa", true)));
            case "GET /v1/unsubscribe" -> seeds.add(withQuery(adapt(template(route), route),
                    Map.of("t", fixture.unsubscribeToken(), "scope", "audience", "n", fixture.newsletterId())));
            case "POST /v1/unsubscribe" -> seeds.add(withQuery(adapt(template(route), route),
                    Map.of("t", fixture.unsubscribeToken(), "scope", "audience")));
            case "GET /v1/c/{token}", "GET /v1/o/{token}" -> {
                ObjectNode foreign = adapt(template(route), route);
                ((ObjectNode) foreign.get("pathParameters")).put("token", fixture.foreignPixelToken());
                seeds.add(foreign);
            }
            case "DELETE /v1/federations/{fed}/contacts/{id}" -> fixture.erasableContactIds().stream().skip(1)
                    .forEach(id -> seeds.add(withPathId(adapt(template(route), route), "id", id)));
            case "DELETE /v1/api-keys/{keyId}" -> fixture.revocableKeyIds().stream().skip(1)
                    .forEach(id -> seeds.add(withPathId(adapt(template(route), route), "keyId", id)));
            case "GET /v1/federations/{fed}/contacts" -> seeds.add(withQuery(adapt(template(route), route),
                    Map.of("category", "sympathisant", "tag", "x", "postalCodePrefix", "06", "limit", "200")));
            case "GET /v1/contents" -> seeds.add(withQuery(adapt(template(route), route),
                    Map.of("federation", "06", "tag", "affiche", "since", "2026-01-01", "until", "2026-12-31T00:00:00Z")));
            case "POST /v1/federations/{fed}/visuals/render" -> {
                // Posters with a photo: inline (base64) and from the library (the fixture's approved graphic).
                ObjectNode inline = Json.object().put("data", java.util.Base64.getEncoder().encodeToString(ContentSteps.png(64, 48)));
                inline.putObject("focus").put("x", 0.2).put("y", 0.8);
                ObjectNode library = Json.object();
                library.putObject("content").put("federation", "06").put("id", fixture.approvedContentId());
                for (ObjectNode photo : List.of(inline, library)) {
                    ObjectNode body = Json.object().put("template", "poster").put("format", "1200x630").put("preview", true);
                    body.putObject("fields").put("title", "Votez le 14 mars").put("callToAction", "Rejoignez-nous").set("photo", photo);
                    seeds.add(withBody(adapt(template(route), route), "application/json", Json.write(body)));
                }
            }
            default -> { }
        }
        return seeds;
    }

    /** A sample (or template) with this stage's keys, ids, tokens and path parameters. */
    private ObjectNode adapt(ObjectNode event, Wiring.Route route) {
        event.remove("_comment");
        String fed = fedFor(route);
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : List.of("fed", "id", "token", "keyId", "period")) {
            if (route.path().contains("{" + name + "}")) {
                params.put(name, switch (name) {
                    case "fed" -> fed;
                    case "id" -> idFor(route);
                    case "token" -> route.path().startsWith("/v1/o/") ? fixture.pixelToken() : fixture.clickToken();
                    case "keyId" -> fixture.revocableKeyIds().get(0);
                    default -> "2026-W48";
                });
            }
        }
        String path = route.path();
        for (var p : params.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", path);
        ObjectNode http = (ObjectNode) obj(obj(event, "requestContext"), "http");
        http.put("method", route.method());
        http.put("path", path);
        http.put("sourceIp", "203.0.113.10");
        ((ObjectNode) event.get("requestContext")).put("routeKey", route.routeKey());
        if (params.isEmpty()) {
            event.remove("pathParameters");
        } else {
            ObjectNode node = event.putObject("pathParameters");
            params.forEach(node::put);
        }
        ObjectNode headers = obj(event, "headers");
        boolean keyed = !route.access().equals("public");
        if (keyed && bySession(route)) {
            // People are managed by people: a coordinator's session, with the console's CSRF header.
            headers.remove("authorization");
            headers.put("cookie", sessionCookie).put("x-eterrain-request", "1").put("origin", siteOrigin);
        } else if (keyed) {
            String key = route.access().equals("hq") ? fixture.hq() : fed.equals("13") ? fixture.keys13().own() : fixture.keys06().own();
            headers.put("authorization", "Bearer " + key);
        } else {
            headers.remove("authorization");
        }
        if (route.routeKey().equals("POST /v1/federations/{fed}/signups")) {
            // Form posts come from the federation's site: the stage declares the local API's origin for every federation.
            headers.put("origin", TestStack.get().apiUrl());
        }
        if (route.routeKey().equals("POST /v1/federations/{fed}/engagements")) {
            ObjectNode body = (ObjectNode) Json.parse(event.path("body").asText("{}"));
            obj(body, "content").put("federation", "06").put("id", fixture.approvedContentId());
            event.put("body", Json.write(body));
        }
        Map<String, String> query = queryFor(route);
        if (query != null) {
            withQuery(event, query);
        }
        return event;
    }

    /**
     * The federation a route's seeds act for: engagements and imports on 13 (with 13's key), signups on 2A, so the
     * contacts they make do not slow down the audience counts of 06, where the newsletters are.
     */
    private static String fedFor(Wiring.Route route) {
        return switch (route.routeKey()) {
            case "POST /v1/federations/{fed}/engagements", "POST /v1/federations/{fed}/contacts/import" -> "13";
            case "POST /v1/federations/{fed}/signups", "OPTIONS /v1/federations/{fed}/signups",
                 "GET /v1/federations/{fed}/signups/thanks" -> "2A";
            default -> "06";
        };
    }

    /** Routes only people call: the people function's (keys never manage people) and self. */
    private static boolean bySession(Wiring.Route route) {
        return route.function().equals("people") || route.permission().equals("self");
    }

    private String idFor(Wiring.Route route) {
        if (route.path().startsWith("/v1/federations/{fed}/people/")) {
            return targetPersonId;
        }
        if (route.routeKey().equals("DELETE /v1/federations/{fed}/contacts/{id}")) {
            return fixture.erasableContactIds().get(0);
        }
        if (route.path().startsWith("/v1/federations/{fed}/contacts/")) {
            return fixture.contactId();
        }
        if (route.path().endsWith("/send") || route.path().endsWith("/cancel")) {
            return fixture.sendNewsletterId();
        }
        if (route.path().startsWith("/v1/federations/{fed}/newsletters/")) {
            return fixture.newsletterId();
        }
        if (route.path().startsWith("/v1/contents/{fed}/")) {
            return fixture.approvedContentId();
        }
        if (route.path().endsWith("/upload/complete")) {
            return fixture.multipartContentId();
        }
        if (route.path().contains("/contents/")) {
            return fixture.contentId();
        }
        if (route.path().startsWith("/v1/blackouts/")) {
            return fixture.blackoutId();
        }
        return "x";
    }

    private Map<String, String> queryFor(Wiring.Route route) {
        return switch (route.routeKey()) {
            case "GET /v1/confirm", "POST /v1/confirm" -> Map.of("t", fixture.confirmToken());
            case "GET /v1/unsubscribe", "POST /v1/unsubscribe" -> Map.of("t", fixture.unsubscribeToken(), "n", fixture.newsletterId());
            case "GET /v1/federations/{fed}/contacts" -> Map.of("status", "active", "limit", "20");
            case "GET /v1/federations/{fed}/audit" -> Map.of("limit", "10");
            case "GET /v1/federations/{fed}/stats", "GET /v1/national/stats" -> Map.of("format", "json", "from", "2026-01-01", "to", "2026-11-30");
            case "GET /v1/federations/{fed}/newsletters/{id}/stats" -> Map.of("format", "csv");
            case "GET /v1/federations/{fed}/contents" -> Map.of("status", "awaiting_upload", "kind", "graphic", "limit", "10");
            case "GET /v1/contents" -> Map.of("kind", "graphic", "limit", "20");
            case "GET /v1/selections/latest" -> Map.of("cadence", "weekly");
            case "GET /v1/contents/review" -> Map.of("limit", "20");
            case "GET /v1/api-keys" -> Map.of("scope", "06");
            default -> null;
        };
    }

    /** A request to the route with the valid body it takes, for routes without a sample. */
    private ObjectNode template(Wiring.Route route) {
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("rawQueryString", "");
        event.putObject("headers").put("user-agent", "Mozilla/5.0 (fuzz)").put("host", "localhost:3000");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000").put("apiId", "local").put("domainName", "localhost").put("stage", "$default");
        context.putObject("http").put("protocol", "HTTP/1.1").put("userAgent", "Mozilla/5.0 (fuzz)");
        event.put("isBase64Encoded", false);
        String body = switch (route.routeKey()) {
            case "PATCH /v1/federations/{fed}" -> "{\"allowedOrigins\":[\"https://www.exemple.fr\",\"http://localhost:3000\"],"
                    + "\"brand\":{\"accentColor\":\"#aa3366\",\"signature\":\"La fédération\"}}";
            case "PATCH /v1/federations/{fed}/contacts/{id}" -> "{\"firstName\":\"Léa\",\"postalCode\":\"06000\",\"category\":\"militant\",\"tags\":[\"terrain\"]}";
            case "PATCH /v1/federations/{fed}/newsletters/{id}" -> samples().stream()
                    .filter(s -> s.path("routeKey").asText().equals("POST /v1/federations/{fed}/newsletters")).findFirst()
                    .orElseThrow().get("body").asText();
            case "POST /v1/federations/{fed}/newsletters/{id}/test" -> "{\"addresses\":[\"test@example.org\",\"autre@example.org\"]}";
            case "POST /v1/federations/{fed}/audience" -> "{\"segment\":{\"categories\":[\"militant\"],\"tags\":[\"terrain\"],\"postalCodePrefixes\":[\"06\"]}}";
            case "POST /v1/blackouts" -> "{\"start\":\"2099-01-01T00:00:00Z\",\"end\":\"2099-01-02T00:00:00Z\",\"reason\":\"Fuzz\",\"federations\":[\"06\"]}";
            case "POST /v1/federations/{fed}/contents/{id}/upload/complete" -> "{\"parts\":[{\"partNumber\":1,\"etag\":\"\\\"abc\\\"\"},{\"partNumber\":2,\"etag\":\"def\"}]}";
            case "POST /v1/contents/{fed}/{id}/decisions" -> "{\"decision\":\"approve\",\"reason\":\"Pour tout le réseau\"}";
            case "PATCH /v1/federations/{fed}/people/{id}" -> "{\"role\":\"editor\",\"send\":true,\"displayName\":\"Rédaction\"}";
            case "POST /v1/federations/{fed}/newsletters/{id}/cancel", "POST /v1/federations/{fed}/sending/resume" -> "";
            default -> null;
        };
        if (body != null && !body.isEmpty()) {
            event.put("body", body);
            ((ObjectNode) event.get("headers")).put("content-type", "application/json");
        }
        return event;
    }

    private static ObjectNode withBody(ObjectNode event, String contentType, String body) {
        event.put("body", body);
        obj(event, "headers").put("content-type", contentType);
        return event;
    }

    private static ObjectNode withPathId(ObjectNode event, String name, String value) {
        String old = event.at("/pathParameters/" + name).asText();
        obj(event, "pathParameters").put(name, value);
        event.put("rawPath", event.path("rawPath").asText().replace("/" + old, "/" + value));
        obj(obj(event, "requestContext"), "http").put("path", event.path("rawPath").asText());
        return event;
    }

    private static ObjectNode obj(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static ObjectNode withQuery(ObjectNode event, Map<String, String> query) {
        ObjectNode node = event.putObject("queryStringParameters");
        query.forEach(node::put);
        event.put("rawQueryString", query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
        return event;
    }

    private List<ObjectNode> eventSeeds(String function) {
        List<ObjectNode> seeds = new ArrayList<>();
        String nl = fixture.newsletterId();
        String contact = fixture.contactId();
        switch (function) {
            case "confirmation-mailer" -> {
                ObjectNode event = sample("confirmation-requested.json");
                ((ObjectNode) event.at("/detail/requests/0")).put("contactId", contact);
                seeds.add(event);
                ObjectNode full = event.deepCopy();
                ArrayNode requests = obj((ObjectNode) full, "detail").putArray("requests");
                for (int i = 0; i < 50; i++) {
                    requests.addObject().put("contactId", i == 0 ? contact : "c" + i).put("nonce", "nonce" + i + "xxxxxx");
                }
                seeds.add(full);
                ObjectNode signup = sample("signup-requested.json"); // an id handled already, or never stored
                seeds.add(signup);
                for (String id : fixture.signupRequestIds()) {
                    ObjectNode stored = signup.deepCopy();
                    ((ObjectNode) stored.get("detail")).put("federation", "2A").put("requestId", id);
                    seeds.add(stored);
                }
            }
            case "content-intake" -> {
                ObjectNode event = sample("content-uploaded.json");
                ObjectNode detail = (ObjectNode) event.get("detail");
                obj(detail, "bucket").put("name", PREFIX + "-content");
                obj(detail, "object").put("key", fixture.uploadKey());
                seeds.add(event);
                ObjectNode unknown = event.deepCopy();
                ((ObjectNode) unknown.at("/detail/object")).put("key", "uploads/06/k0000000000000000/affiche.png");
                seeds.add(unknown);
                seeds.add(sample("content-uploaded.json")); // another bucket
            }
            case "dispatcher" -> {
                ObjectNode requested = sample("newsletter-send-requested.json");
                ((ObjectNode) requested.get("detail")).put("newsletterId", nl);
                seeds.add(requested);
                ObjectNode sending = requested.deepCopy();
                ((ObjectNode) sending.get("detail")).put("newsletterId", fixture.sendNewsletterId());
                seeds.add(sending);
                ObjectNode continuing = requested.deepCopy();
                continuing.put("detail-type", "NewsletterDispatchContinue");
                seeds.add(continuing);
                seeds.add(sample("dispatch-tick.json"));
            }
            case "feedback" -> {
                ObjectNode bounce = sample("ses-bounce.json");
                ((ObjectNode) bounce.at("/detail/mail/headers/0")).put("value", "06." + nl + "." + contact);
                seeds.add(bounce);
                // Our message header, well formed, naming what does not exist.
                for (String ref : List.of("ZZ.nX.cY", "99.n1.c1", "13.nUnknown.cUnknown", "FFE." + nl + "." + contact)) {
                    ObjectNode odd = bounce.deepCopy();
                    ((ObjectNode) odd.at("/detail/mail/headers/0")).put("value", ref);
                    seeds.add(odd);
                }
                for (String[] type : List.of(new String[] {"Email Sent", "Send"}, new String[] {"Email Delivered", "Delivery"},
                        new String[] {"Email Complaint Received", "Complaint"}, new String[] {"Email Rejected", "Reject"})) {
                    ObjectNode other = bounce.deepCopy();
                    other.put("detail-type", type[0]);
                    ((ObjectNode) other.get("detail")).put("eventType", type[1]);
                    seeds.add(other);
                }
            }
            case "retention" -> {
                seeds.add(sample("retention-scheduled.json"));
                seeds.add((ObjectNode) Json.parse("{\"federations\":[\"13\"],\"now\":\"2026-11-24T10:00:00Z\"}"));
                seeds.add((ObjectNode) Json.parse("{\"detail\":{\"federations\":[\"971\",\"FFE\"]}}"));
                seeds.add(Json.object());
            }
            case "selection" -> {
                seeds.add(sample("selection-weekly.json"));
                seeds.add((ObjectNode) Json.parse("{\"cadence\":\"monthly\",\"period\":\"2026-10\"}"));
                seeds.add((ObjectNode) Json.parse("{\"period\":\"2026-W48\",\"now\":\"2026-12-07T09:00:00Z\"}"));
                seeds.add((ObjectNode) Json.parse("{\"detail\":{\"cadence\":\"weekly\"}}"));
            }
            default -> fail("no event seeds for " + function + ": add them here");
        }
        seeds.forEach(s -> {
            s.remove("_comment");
            s.remove("_function");
        });
        return seeds;
    }

    private static List<ObjectNode> samplesCache;

    private static synchronized List<ObjectNode> samples() {
        if (samplesCache == null) {
            try (Stream<Path> files = Files.list(ProjectRoot.find().resolve("events"))) {
                samplesCache = files.filter(p -> p.toString().endsWith(".json")).sorted()
                        .map(p -> (ObjectNode) Json.parse(read(p))).toList();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return samplesCache;
    }

    private static ObjectNode sample(String name) {
        return (ObjectNode) Json.parse(read(ProjectRoot.find().resolve("events").resolve(name)));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the stage ----------------------------------------------------------------------------------------

    private static void provision(Settings settings, String apiUrl) {
        TableLayout layout = new TableLayout(settings.tablePrefix());
        List<Federation> federations = FederationSeed.load(settings.mailDomain(), List.of(apiUrl)).stream()
                .filter(f -> FEDERATIONS.contains(f.id())).toList();
        List<String> tables = new ArrayList<>();
        tables.add(layout.platformTable());
        federations.forEach(f -> tables.add(layout.federationTable(f.id())));
        Platform platform = new Platform(settings);
        new Tables(platform.clients().dynamo()).createMissing(tables);
        String bucket = settings.contentBucket();
        if (platform.clients().s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            platform.clients().s3().createBucket(b -> b.bucket(bucket));
        }
        platform.federations().seed(federations);
    }

    /** Keys, a confirmed contact, a draft, a content, a blackout and tokens, made through the handlers. */
    private static Fixture fixture(Settings settings) throws IOException, InterruptedException {
        Platform platform = new Platform(settings);
        ApiKeys keys = platform.apiKeys();
        String hq = keys.issue("HQ", "fuzz", "fuzz").secret();
        String own06 = keys.issue("06", "fuzz", "fuzz").secret();
        String own13 = keys.issue("13", "fuzz", "fuzz").secret();
        ApiKeys.IssuedKey revoked = keys.issue("06", "fuzz-revoked", "fuzz");
        keys.store().revoke(revoked.keyId(), Instant.now());
        List<String> revocable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            revocable.add(keys.issue("06", "fuzz-revocable", "fuzz").keyId());
        }

        // A person signs up and confirms, as on the site; the emails land in the sink.
        String email = "fuzz-" + SEED + "@example.org";
        ObjectNode signup = sample("signup-json.json");
        signup.put("body", Contacts.signupJson(email, "Marie", true));
        expect(202, functions.http("signup").handleEvent(signup, "fixture"), "signup");
        sink.deliverSignups(functions.event("confirmation-mailer"));
        String confirmLink = sink.link(email, "/v1/confirm?");
        String confirmToken = query(confirmLink).get("t");
        ObjectNode confirm = sample("confirm-post.json"); // the confirmation page's button
        withQuery(confirm, Map.of("t", confirmToken));
        expect(200, functions.http("confirm").handleEvent(confirm, "fixture"), "confirm");

        ObjectNode list = sample("contacts-list.json");
        obj(list, "headers").put("authorization", "Bearer " + own06);
        list.remove("queryStringParameters");
        list.put("rawQueryString", "");
        String contactId = null;
        for (JsonNode c : Json.parse(expect(200, functions.http("contacts").handleEvent(list, "fixture"), "contacts").body()).get("contacts")) {
            if (email.equals(c.path("email").asText())) {
                contactId = c.get("id").asText();
            }
        }
        if (contactId == null) {
            throw new AssertionError("fixture contact not found");
        }

        // People who signed up and never confirmed, for the erasure route to erase.
        List<String> erasable = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String pending = "fuzz-erasable-" + i + "-" + SEED + "@example.org";
            signup.put("body", Contacts.signupJson(pending, "Paul", false));
            expect(202, functions.http("signup").handleEvent(signup.deepCopy(), "fixture"), "signup");
        }
        sink.deliverSignups(functions.event("confirmation-mailer"));
        withQuery(list, Map.of("status", "pending", "limit", "200"));
        for (JsonNode c : Json.parse(expect(200, functions.http("contacts").handleEvent(list, "fixture"), "contacts").body()).get("contacts")) {
            if (c.path("email").asText().startsWith("fuzz-erasable-")) {
                erasable.add(c.get("id").asText());
            }
        }

        ObjectNode draft = sample("newsletter-create.json");
        obj(draft, "headers").put("authorization", "Bearer " + own06);
        String newsletterId = Json.parse(expect(201, functions.http("newsletters").handleEvent(draft.deepCopy(), "fixture"), "newsletter").body())
                .get("id").asText();
        String sendNewsletterId = Json.parse(expect(201, functions.http("newsletters").handleEvent(draft, "fixture"), "newsletter").body())
                .get("id").asText();

        ObjectNode content = sample("contents-create.json");
        obj(content, "headers").put("authorization", "Bearer " + own06);
        JsonNode created = Json.parse(expect(201, functions.http("contents").handleEvent(content, "fixture"), "content").body());
        String contentId = created.at("/content/id").asText();
        String uploadKey = uploadKey(created, settings.contentBucket());

        // An approved content (uploaded, checked by the intake, approved) for the library, thumbnails, engagements
        // and the selection; a multipart one for completing uploads.
        byte[] png = ContentSteps.png(40, 30);
        ObjectNode approvedCreate = content.deepCopy();
        approvedCreate.put("body", ContentSteps.body("Affiche approuvée", "graphic", "affiche.png", "image/png", png));
        JsonNode approved = Json.parse(expect(201, functions.http("contents").handleEvent(approvedCreate, "fixture"), "content").body());
        String approvedId = approved.at("/content/id").asText();
        put(approved.get("upload"), png);
        ObjectNode uploaded = sample("content-uploaded.json");
        obj(obj((ObjectNode) uploaded, "detail"), "bucket").put("name", settings.contentBucket());
        obj(obj((ObjectNode) uploaded, "detail"), "object").put("key", uploadKey(approved, settings.contentBucket()));
        String intake = functions.event("content-intake").handleEvent(uploaded, "fixture").path("outcome").asText();
        if (!intake.equals("submitted")) {
            throw new AssertionError("fixture content intake: " + intake);
        }
        ObjectNode approve = sample("contents-decision.json");
        obj(approve, "headers").put("authorization", "Bearer " + own06);
        obj(approve, "pathParameters").put("id", approvedId);
        approve.put("body", "{\"decision\":\"approve\"}");
        expect(200, functions.http("contents").handleEvent(approve, "fixture"), "approval");
        // And by HQ for the national library, where the engagements and the selection find it.
        ObjectNode national = approve.deepCopy();
        national.put("routeKey", "POST /v1/contents/{fed}/{id}/decisions");
        obj(national, "headers").put("authorization", "Bearer " + hq);
        expect(200, functions.http("contents").handleEvent(national, "fixture"), "national approval");
        ObjectNode multipartCreate = content.deepCopy();
        ObjectNode multipartBody = (ObjectNode) Json.parse(multipartCreate.get("body").asText());
        obj(multipartBody, "file").put("size", 7 * 1024 * 1024);
        multipartCreate.put("body", Json.write(multipartBody));
        String multipartId = Json.parse(expect(201, functions.http("contents").handleEvent(multipartCreate, "fixture"), "content").body())
                .at("/content/id").asText();
        JsonNode selection = functions.event("selection").handleEvent(Json.parse("{\"period\":\"2026-W48\"}"), "fixture");
        if (!selection.has("selections")) {
            throw new AssertionError("fixture selection: " + selection);
        }

        ObjectNode blackout = sample("api-keys-issue.json");
        blackout.put("routeKey", "POST /v1/blackouts");
        obj(blackout, "headers").put("authorization", "Bearer " + hq);
        blackout.put("body", "{\"start\":\"2099-01-01T00:00:00Z\",\"end\":\"2099-01-02T00:00:00Z\",\"reason\":\"Fuzz\",\"federations\":[\"06\"]}");
        String blackoutId = Json.parse(expect(201, functions.http("newsletters").handleEvent(blackout, "fixture"), "blackout").body())
                .get("id").asText();

        // Another person, whom the unsubscribe route may withdraw without changing what the other routes see.
        String leaving = "fuzz-leaving-" + SEED + "@example.org";
        signup.put("body", Contacts.signupJson(leaving, "Jean", true));
        expect(202, functions.http("signup").handleEvent(signup.deepCopy(), "fixture"), "signup");
        sink.deliverSignups(functions.event("confirmation-mailer"));
        ObjectNode confirmLeaving = confirm.deepCopy();
        withQuery(confirmLeaving, Map.of("t", query(sink.link(leaving, "/v1/confirm?")).get("t")));
        expect(200, functions.http("confirm").handleEvent(confirmLeaving, "fixture"), "confirm");
        withQuery(list, Map.of("status", "active", "limit", "200"));
        String leavingId = null;
        for (JsonNode c : Json.parse(expect(200, functions.http("contacts").handleEvent(list, "fixture"), "contacts").body()).get("contacts")) {
            if (leaving.equals(c.path("email").asText())) {
                leavingId = c.get("id").asText();
            }
        }
        String unsubscribe = query(platform.links().unsubscribe("06", leavingId)).get("t");
        String pixel = lastSegment(platform.trackingLinks().pixel("06", newsletterId, contactId));
        String click = lastSegment(platform.trackingLinks().click("06", newsletterId, contactId, 0));
        String foreign = lastSegment(platform.trackingLinks().pixel("13", "nUnknown", "cUnknown"));
        // Signups stored and not handled yet, for the confirmation mailer's fuzzing to reach its work.
        List<String> stored = new ArrayList<>();
        ObjectNode signup2a = signup.deepCopy();
        signup2a.put("rawPath", "/v1/federations/2A/signups");
        obj(signup2a, "pathParameters").put("fed", "2A");
        obj(obj(signup2a, "requestContext"), "http").put("path", "/v1/federations/2A/signups");
        for (int i = 0; i < 4; i++) {
            signup2a.put("body", Contacts.signupJson("fuzz-stored-" + i + "-" + SEED + "@example.org", "Luc", i % 2 == 0));
            expect(202, functions.http("signup").handleEvent(signup2a.deepCopy(), "fixture"), "signup");
        }
        for (JsonNode event = sink.signups.pollFirst(); event != null; event = sink.signups.pollFirst()) {
            stored.add(event.at("/detail/requestId").asText());
        }
        // People of 06: two coordinators (so none is ever the last), and the editor the people cases act on.
        var coordinator = platform.people().bootstrap("06", "fuzz-coordinator-" + SEED + "@example.org", "Coordination",
                "coordinator", "fuzz");
        platform.people().bootstrap("06", "fuzz-coordinator2-" + SEED + "@example.org", "Coordination 2", "coordinator", "fuzz");
        targetPersonId = platform.people().bootstrap("06", "fuzz-editor-" + SEED + "@example.org", "Rédaction", "editor",
                "fuzz").id();
        sessionCookie = platform.sessionCookie().name() + "=" + platform.sessions().open(coordinator).token();
        siteOrigin = platform.sessionCookie().origin();
        return new Fixture(new RequestMutator.Keys(own06, own13, hq, "et_" + revoked.keyId() + "_x"),
                new RequestMutator.Keys(own13, own06, hq, "et_" + revoked.keyId() + "_x"), hq, revocable, contactId,
                erasable, newsletterId, sendNewsletterId, approvedId, multipartId, contentId, uploadKey, blackoutId, confirmToken, unsubscribe, pixel, click, foreign,
                stored);
    }

    /** The object key an upload plan's presigned URL writes to (path-style: /bucket/key). */
    private static String uploadKey(JsonNode created, String bucket) {
        String path = java.net.URI.create(created.at("/upload/url").asText()).getPath();
        return path.substring(path.indexOf("/" + bucket + "/") + bucket.length() + 2);
    }

    /** What a browser does with a presigned single PUT. */
    private static void put(JsonNode upload, byte[] bytes) throws IOException, InterruptedException {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(upload.get("url").asText()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.path("headers").properties().forEach(h -> request.header(h.getKey(), h.getValue().asText()));
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            int status = client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new AssertionError("fixture upload: " + status);
            }
        }
    }

    private static HttpResponse expect(int status, HttpResponse response, String what) {
        if (response.status() != status) {
            throw new AssertionError("fixture " + what + ": " + response.status() + " " + response.body());
        }
        return response;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        String query = url.substring(url.indexOf('?') + 1).replace("&amp;", "&");
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String lastSegment(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    // --- running and reporting ----------------------------------------------------------------------------

    private static boolean selected(String function) {
        String only = ONLY == null ? null : ONLY.split(":")[0];
        return (FUNCTIONS.isEmpty() || FUNCTIONS.contains(function)) && (only == null || only.equals(function));
    }

    private static long caseSeed(String function, int i) {
        return SEED ^ (function.hashCode() * 0x9E3779B97F4A7C15L) ^ (i * 0xC2B2AE3D27D4EB4FL);
    }

    private static void run(List<Runnable> tasks, String name) throws Exception {
        // Interleaved, so the functions share the threads evenly and a slow one does not run alone at the end.
        List<Runnable> ordered = new ArrayList<>(tasks);
        java.util.Collections.shuffle(ordered, new Random(SEED));
        AtomicInteger threadIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread t = new Thread(task, "fuzz-" + name + "-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = ordered.stream().<Future<?>>map(pool::submit).toList();
            long deadline = System.nanoTime() + LIMIT.toNanos();
            for (Future<?> future : futures) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            fail("the " + name + " fuzzing did not finish within " + LIMIT + " (seed " + SEED + "): a handler hangs?");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(Throwable e) {
        StackTraceElement at = Stream.of(e.getStackTrace()).filter(f -> f.getClassName().startsWith("fr.eterrain"))
                .findFirst().orElse(e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null);
        return e.getClass().getName() + " at " + at + ": " + RequestMutator.shorten(String.valueOf(e.getMessage()));
    }

    private static String errorSignature(String logLine) {
        try {
            JsonNode line = Json.parse(logLine);
            return line.path("fn").asText() + " '" + line.path("msg").asText() + "' " + line.path("error").asText().replaceAll(":.*", "")
                    + " at " + line.path("at").asText();
        } catch (IllegalArgumentException e) {
            return RequestMutator.shorten(logLine);
        }
    }

    private static String logDetail(String logLine) {
        try {
            JsonNode line = Json.parse(logLine);
            String error = line.path("error").asText();
            return line.path("msg").asText() + ": " + (error.length() > 300 ? error.substring(0, 300) + "…" : error)
                    + " at " + line.path("at").asText();
        } catch (IllegalArgumentException e) {
            return RequestMutator.shorten(logLine);
        }
    }

    /** Groups findings: the failure's kind, not its random details. */
    private static String signature(String failure, HttpResponse response, List<String> errors) {
        String kind = failure.replaceAll(": .*", "");
        if (failure.startsWith("exception")) {
            kind = failure.replaceAll("(exception \\S+ at \\S+).*", "$1");
        }
        if (!errors.isEmpty()) {
            kind += " / " + errorSignature(errors.get(0));
        }
        return kind;
    }

    /** Findings grouped by signature, with the first case of each and how many cases hit it. */
    private static final class Findings {
        private final Map<String, String> first = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        void add(String signature, String label, List<String> applied, JsonNode event, HttpResponse response, List<String> errors) {
            counts.computeIfAbsent(signature, s -> new LongAdder()).increment();
            first.computeIfAbsent(signature, s -> describeCase(label, applied, event, response, errors));
        }

        private static String describeCase(String label, List<String> applied, JsonNode event, HttpResponse response,
                                           List<String> errors) {
            return "case " + label + " (replay: -Dfuzz.seed=" + SEED + " -Dfuzz.only=" + label + ")"
                    + "\n      mutations: " + applied
                    + "\n      event: " + excerpt(Json.write(event), 400)
                    + (response == null ? "" : "\n      response: " + response.status() + " " + excerpt(String.valueOf(response.body()), 200))
                    + (errors.isEmpty() ? "" : "\n      log: " + logDetail(errors.get(0)));
        }

        private static String excerpt(String text, int max) {
            String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
            return clean.length() > max ? clean.substring(0, max) + "…(" + text.length() + " chars)" : clean;
        }

        synchronized void assertNone(String what) {
            if (first.isEmpty()) {
                return;
            }
            StringBuilder report = new StringBuilder(what + " fuzzing found " + first.size() + " kinds of failure (seed " + SEED + "):");
            first.keySet().stream().sorted().forEach(signature -> report.append("\n  ").append(counts.get(signature).sum())
                    .append("× ").append(signature).append("\n      ").append(first.get(signature)));
            first.clear();
            counts.clear();
            System.err.println(report);
            fail(report.toString());
        }
    }

    /** Per function and route: cases, paths taken, statuses and refusal codes, time. */
    private static final class Stats {
        private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> maxMicros = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> totalMicros = new ConcurrentHashMap<>();

        void record(String function, String routeKey, HttpResponse response, boolean raw, long micros) {
            count(function + "|cases");
            count(function + "|" + (raw ? "raw" : "event"));
            count(function + "|route|" + routeKey);
            if (response != null) {
                int status = response.status();
                count(function + "|status|" + status);
                count(function + "|route|" + routeKey + "|" + (status == 401 ? "401" : "other"));
                count(function + "|route|" + routeKey + "|" + (status == 401 || status == 403 ? "denied"
                        : status < 300 ? "2xx" : status < 400 ? "3xx" : "4xx"));
            }
            time(function, micros);
        }

        void recordEvent(String function, String outcome, boolean raw, long micros) {
            count(function + "|cases");
            count(function + "|" + (raw ? "raw" : "event"));
            count(function + "|status|" + outcome);
            time(function, micros);
        }

        private void count(String key) {
            counters.computeIfAbsent(key, k -> new LongAdder()).increment();
        }

        private void time(String function, long micros) {
            maxMicros.computeIfAbsent(function, k -> new AtomicLong()).accumulateAndGet(micros, Math::max);
            totalMicros.computeIfAbsent(function, k -> new LongAdder()).add(micros);
        }

        long get(String key) {
            LongAdder adder = counters.get(key);
            return adder == null ? 0 : adder.sum();
        }

        void print(String what, long ms) {
            StringBuilder out = new StringBuilder("[fuzz] " + what + " done in " + ms + " ms");
            new TreeMap<>(maxMicros).forEach((function, max) -> {
                long cases = get(function + "|cases");
                String statuses = counters.entrySet().stream().filter(e -> e.getKey().startsWith(function + "|status|"))
                        .sorted(Map.Entry.<String, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum)).reversed())
                        .limit(8).map(e -> e.getKey().substring((function + "|status|").length()) + "×" + e.getValue().sum())
                        .collect(Collectors.joining(" "));
                out.append(String.format("%n  %-20s %6d cases (%d raw), avg %.1f ms, max %d ms: %s", function, cases,
                        get(function + "|raw"), totalMicros.get(function).sum() / 1000.0 / Math.max(1, cases), max.get() / 1000, statuses));
            });
            System.err.println(out);
        }

        void printRoutes(Map<String, List<Wiring.Route>> byFunction) {
            StringBuilder out = new StringBuilder("[fuzz] per route: cases, 2xx, 3xx, 401/403, other 4xx");
            byFunction.values().forEach(routes -> routes.forEach(route -> {
                String key = route.function() + "|route|" + route.routeKey();
                out.append(String.format("%n  %-58s %5d %5d %5d %5d %5d", route.routeKey(), get(key), get(key + "|2xx"),
                        get(key + "|3xx"), get(key + "|denied"), get(key + "|4xx")));
            }));
            System.err.println(out);
        }

        /** Each keyed route got past authentication often enough to test what lies behind it. */
        void assertDepth(Map<String, List<Wiring.Route>> byFunction) {
            List<String> shallow = new ArrayList<>();
            byFunction.values().forEach(routes -> routes.forEach(route -> {
                long all = get(route.function() + "|route|" + route.routeKey());
                long past = get(route.function() + "|route|" + route.routeKey() + "|other");
                if (!route.access().equals("public") && past < all / 2) {
                    shallow.add(route.routeKey() + " (" + past + "/" + all + " past authentication)");
                }
            }));
            assertTrue(shallow.isEmpty(), "routes the fuzzing barely got into: " + shallow);
        }
    }

    /**
     * Collects the ERROR lines logged by the thread running a case; lines from other threads (the shared stack's
     * bus, other tests' leftovers) go where logs went before.
     */
    private static final class LogTap extends PrintStream {
        private final PrintStream original;
        private final ThreadLocal<List<String>> current = new ThreadLocal<>();

        LogTap(PrintStream original) {
            super(OutputStream.nullOutputStream());
            this.original = original;
        }

        List<String> begin() {
            List<String> errors = new ArrayList<>();
            current.set(errors);
            return errors;
        }

        void end() {
            current.remove();
        }

        @Override
        public void println(Object line) {
            println(String.valueOf(line));
        }

        @Override
        public void println(String line) {
            List<String> errors = current.get();
            if (errors == null) {
                if (!Thread.currentThread().getName().startsWith("fuzz-")) {
                    original.println(line);
                }
            } else if (line.contains("\"level\":\"ERROR\"")) {
                errors.add(line);
            }
        }
    }

    /**
     * SES v2 and EventBridge for the fuzz stage: answers SendEmail with a message id and PutEvents with every
     * entry accepted, keeping the last emails so the fixture can follow a confirmation link.
     */
    static final class Sink implements AutoCloseable {
        private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");
        private final HttpServer server;
        private final ExecutorService executor;
        private final ConcurrentLinkedDeque<String[]> emails = new ConcurrentLinkedDeque<>();
        /** Signups announced and not yet handed to the confirmation mailer (the fixture's; fuzzed ones are dropped). */
        private final ConcurrentLinkedDeque<JsonNode> signups = new ConcurrentLinkedDeque<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong events = new AtomicLong();

        private Sink(HttpServer server, ExecutorService executor) {
            this.server = server;
            this.executor = executor;
        }

        static Sink start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
                Thread t = new Thread(task, "fuzz-sink");
                t.setDaemon(true);
                return t;
            });
            Sink sink = new Sink(server, executor);
            server.createContext("/", sink::handle);
            server.setExecutor(executor);
            server.start();
            return sink;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] request = exchange.getRequestBody().readAllBytes();
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                String answer;
                String type = "application/json";
                if (exchange.getRequestURI().getPath().startsWith("/v2/email/outbound-emails")) {
                    JsonNode email = Json.parse(new String(request, StandardCharsets.UTF_8));
                    String to = email.at("/Destination/ToAddresses/0").asText();
                    emails.addLast(new String[] {to, email.at("/Content/Simple/Body/Text/Data").asText()
                            + "\n" + email.at("/Content/Simple/Body/Html/Data").asText()});
                    while (emails.size() > 200) {
                        emails.pollFirst();
                    }
                    answer = "{\"MessageId\":\"fuzz-" + sent.incrementAndGet() + "\"}";
                } else if (target != null && target.endsWith("PutEvents")) {
                    JsonNode entries = Json.parse(new String(request, StandardCharsets.UTF_8)).path("Entries");
                    ObjectNode response = Json.object().put("FailedEntryCount", 0);
                    ArrayNode ids = response.putArray("Entries");
                    entries.forEach(e -> ids.addObject().put("EventId", "fuzz-event-" + events.incrementAndGet()));
                    entries.forEach(e -> {
                        if ("SignupRequested".equals(e.path("DetailType").asText()) && signups.size() < 50) {
                            signups.addLast(Json.object().put("detail-type", "SignupRequested").put("source", "eterrain.contacts")
                                    .set("detail", Json.parse(e.path("Detail").asText())));
                        }
                    });
                    answer = Json.write(response);
                    type = "application/x-amz-json-1.1";
                } else {
                    byte[] refusal = "{\"message\":\"not emulated by the fuzz sink\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(400, refusal.length);
                    exchange.getResponseBody().write(refusal);
                    return;
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("content-type", type);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }

        /** Hands the signups announced so far to the confirmation mailer, as the bus rule would. */
        void deliverSignups(EventFunction mailer) {
            for (JsonNode event = signups.pollFirst(); event != null; event = signups.pollFirst()) {
                JsonNode result = mailer.handleEvent(event, "fixture");
                if (result.has("error")) {
                    throw new AssertionError("fixture signup not handled: " + result);
                }
            }
        }

        /** The first link containing {@code part} in the last email to this address. */
        String link(String to, String part) {
            List<String[]> all = new ArrayList<>(emails);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i)[0].equalsIgnoreCase(to)) {
                    Matcher m = LINK.matcher(all.get(i)[1]);
                    while (m.find()) {
                        if (m.group().contains(part)) {
                            return m.group();
                        }
                    }
                }
            }
            throw new AssertionError("no email to " + to + " with a link containing " + part);
        }

        @Override
        public void close() {
            System.err.println("[fuzz] sink: " + sent.get() + " emails, " + events.get() + " events accepted");
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
