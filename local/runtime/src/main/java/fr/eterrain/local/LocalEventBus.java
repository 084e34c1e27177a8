package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The EventBridge API as far as we use it: {@code PutEvents} over the AWS JSON 1.1 protocol (POST to {@code /}
 * with {@code X-Amz-Target: AWSEvents.PutEvents}), on its own port so the SDK needs nothing but
 * {@code AWS_ENDPOINT_URL_EVENTBRIDGE}. Accepted entries go to the {@link EventDispatcher}; entries are checked
 * as EventBridge does (required fields, detail a JSON object, at most 10 per call, known bus).
 */
public final class LocalEventBus implements AutoCloseable {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final int MAX_ENTRIES = 10;

    private final EventDispatcher dispatcher;
    private final String busName;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, new DaemonThreads("bus"));

    /** @param port 0 for a free one */
    public LocalEventBus(EventDispatcher dispatcher, String busName, int port) {
        this.dispatcher = dispatcher;
        this.busName = busName;
        try {
            this.server = HttpServer.create(new InetSocketAddress(Ports.HOST, port), 32);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " (in use?)", e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + Ports.HOST + ":" + port();
    }

    public void awaitIdle(Duration timeout) throws TimeoutException, InterruptedException {
        dispatcher.awaitIdle(timeout);
    }

    public int deadLettered() {
        return dispatcher.deadLettered();
    }

    /** Calls made to the target of the wiring rule of this name, retries included. */
    public int attempts(String ruleName) {
        return dispatcher.attempts(ruleName);
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)) {
                respond(exchange, 400, error("UnknownOperationException", "Only AWSEvents.PutEvents is emulated, got " + target));
                return;
            }
            JsonNode request;
            try {
                request = Json.parse(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, error("SerializationException", "The request is not valid JSON."));
                return;
            }
            JsonNode entries = request.path("Entries");
            if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
                respond(exchange, 400, error("ValidationException",
                        "Entries must hold between 1 and " + MAX_ENTRIES + " entries."));
                return;
            }
            respond(exchange, 200, putEvents(entries));
        } catch (IOException | RuntimeException e) {
            Console.info("events: cannot answer PutEvents: " + e);
        }
    }

    private ObjectNode putEvents(JsonNode entries) {
        ObjectNode response = Json.object();
        ArrayNode results = Json.array();
        int failed = 0;
        for (JsonNode entry : entries) {
            String problem = problem(entry);
            ObjectNode result = results.addObject();
            if (problem != null) {
                failed++;
                result.put("ErrorCode", problem.startsWith("Event bus") ? "NotFoundException" : "InvalidArgument");
                result.put("ErrorMessage", problem);
                continue;
            }
            result.put("EventId", dispatcher.dispatch(new EventDispatcher.Entry(entry.get("Source").asText(),
                    entry.get("DetailType").asText(), Json.parse(entry.get("Detail").asText()), bus(entry))));
        }
        response.put("FailedEntryCount", failed);
        response.set("Entries", results);
        return response;
    }

    /** Why EventBridge would refuse this entry, or null. */
    private String problem(JsonNode entry) {
        for (String field : new String[] {"Source", "DetailType", "Detail"}) {
            if (!entry.hasNonNull(field) || entry.get(field).asText().isBlank()) {
                return "Parameter " + field + " is not valid. Reason: " + field + " is a required argument.";
            }
        }
        try {
            if (!Json.parse(entry.get("Detail").asText()).isObject()) {
                return "Detail is malformed.";
            }
        } catch (IllegalArgumentException e) {
            return "Detail is malformed.";
        }
        String bus = bus(entry);
        if (!bus.equals(busName) && !bus.equals("default")) {
            return "Event bus " + bus + " does not exist.";
        }
        return null;
    }

    /** The bus name, from a name or an ARN ({@code arn:aws:events:region:account:event-bus/NAME}). */
    private static String bus(JsonNode entry) {
        String bus = entry.hasNonNull("EventBusName") ? entry.get("EventBusName").asText() : "default";
        int slash = bus.lastIndexOf("event-bus/");
        return slash >= 0 ? bus.substring(slash + "event-bus/".length()) : bus;
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = Json.object();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        dispatcher.close();
    }
}
