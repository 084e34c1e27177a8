package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven through the DevTools protocol (the JDK's own WebSocket client, no driver): navigate,
 * evaluate, take a screenshot, and keep every event the page produced (console and security messages, exceptions,
 * network requests) so a test can say "nothing was refused by the CSP, nothing was fetched elsewhere".
 */
final class DevTools implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private DevTools(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** A fresh browser on a blank page, with the Page, Runtime, Log and Network domains on. */
    static DevTools launch(String chromium, Path profile) throws Exception {
        Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=1280,900", "about:blank").redirectErrorStream(true).start();
        String browserUrl = null;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String line; browserUrl == null && System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browserUrl = m.group(1);
            }
        }
        if (browserUrl == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not open its DevTools port");
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "chromium-output");
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = Json.parse(http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pageUrl = null;
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                pageUrl = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageUrl == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium has no page target");
        }
        DevTools[] self = new DevTools[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    JsonNode message = Json.parse(frame.toString());
                    frame.setLength(0);
                    while (self[0] == null) {
                        Thread.onSpinWait();
                    }
                    self[0].receive(message);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        DevTools tools = new DevTools(process, socket);
        self[0] = tools;
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            tools.call(domain + ".enable", Json.object());
        }
        return tools;
    }

    private void receive(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> call = pending.remove(message.get("id").asInt());
            if (call != null) {
                call.complete(message);
            }
        } else {
            synchronized (events) {
                events.add(message);
            }
        }
    }

    JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = Json.object().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(Json.write(message), true).join();
        try {
            JsonNode reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        }
    }

    void navigate(String url) {
        call("Page.navigate", Json.object().put("url", url));
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode evaluate(String expression) {
        return call("Runtime.evaluate", Json.object().put("expression", expression).put("returnByValue", true))
                .path("result").path("value");
    }

    /** Polls an expression until it is true, or the time is up. */
    boolean await(String condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate(condition).asBoolean(false)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    byte[] screenshot() {
        return java.util.Base64.getDecoder().decode(call("Page.captureScreenshot", Json.object().put("format", "png")).path("data").asText());
    }

    /** Messages the page's console and the browser logged at warning or error level, and uncaught exceptions. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (JsonNode event : events()) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            if (method.equals("Log.entryAdded") && Set.of("error", "warning").contains(params.at("/entry/level").asText())) {
                problems.add(params.at("/entry/source").asText() + ": " + params.at("/entry/text").asText() + " " + params.at("/entry/url").asText(""));
            } else if (method.equals("Runtime.exceptionThrown")) {
                problems.add("exception: " + params.at("/exceptionDetails/exception/description").asText(params.at("/exceptionDetails/text").asText()));
            } else if (method.equals("Runtime.consoleAPICalled") && Set.of("error", "warning", "assert").contains(params.path("type").asText())) {
                problems.add("console." + params.path("type").asText() + ": " + params.path("args"));
            }
        }
        return problems;
    }

    /** Every URL the page requested. */
    List<String> requests() {
        List<String> urls = new ArrayList<>();
        for (JsonNode event : events()) {
            if (event.path("method").asText().equals("Network.requestWillBeSent")) {
                urls.add(event.at("/params/request/url").asText());
            }
        }
        return urls;
    }

    private List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
