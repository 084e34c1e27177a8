package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * One local platform per test JVM (stage {@code test}, in memory, free ports), shared by every integration and
 * end-to-end test class and stopped when the JVM exits; plus what those tests need to drive it. Tests share
 * the data, so each uses its own addresses ({@link #uniqueEmail}) rather than counting everything.
 *
 * <p>Get it with {@code TestStack.get()}, or as a test parameter with {@code @ExtendWith(LocalStackExtension.class)}.
 */
public final class TestStack {
    private static TestStack shared;

    private final LocalPlatform platform;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            // Tests look at redirects themselves (303 after a form post, no redirect on one-click unsubscribe).
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private TestStack(LocalPlatform platform) {
        this.platform = platform;
    }

    public static synchronized TestStack get() {
        if (shared == null) {
            // Every HTTP test comes from 127.0.0.1: the per-source signup limit is lifted here and tested on its
            // own with direct invocations from distinct addresses (SignupLimitsIT).
            LocalPlatform platform = LocalPlatform.start(StackOptions.forTests()
                    .withOverrides(java.util.Map.of("SIGNUP_SOURCE_LIMIT", "100000", "SIGNIN_SOURCE_LIMIT", "100000"))
                    // Multipart uploads from 6 MiB in parts of 5 (S3's minimum), so tests take that path cheaply.
                    .withOverrides(java.util.Map.of("CONTENT_MULTIPART_MB", "6", "CONTENT_PART_MB", "5")));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "test-stack-shutdown"));
            shared = new TestStack(platform);
        }
        return shared;
    }

    public LocalPlatform platform() {
        return platform;
    }

    public Settings settings() {
        return platform.settings();
    }

    public String apiUrl() {
        return platform.apiUrl();
    }

    // --- HTTP ---------------------------------------------------------------------------------------------

    public HttpResponse<String> get(String path, String... headerNameValues) {
        return send("GET", path, null, null, headerNameValues);
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headerNameValues) {
        return send("POST", path, contentType, body, headerNameValues);
    }

    /** @param pathOrUrl a path on the API ({@code /v1/...}) or an absolute URL, such as a link from an email */
    public HttpResponse<String> send(String method, String pathOrUrl, String contentType, String body,
                                     String... headerNameValues) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : apiUrl() + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        for (int i = 0; i + 1 < headerNameValues.length; i += 2) {
            request.header(headerNameValues[i], headerNameValues[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            checkContract(method, uri, contentType != null ? contentType : header(headerNameValues, "content-type"), body, response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri.getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The contract tests: an exchange with this stack's API must keep the OpenAPI document (see {@link ApiContract});
     * a breach fails the test. Tests with their own HTTP client call this with what they sent and got.
     */
    public void checkContract(String method, URI uri, String requestContentType, String requestBody, HttpResponse<?> response) {
        URI api = URI.create(apiUrl());
        if (api.getPort() == uri.getPort() && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()))) {
            ApiContract.check(method, uri, requestContentType, requestBody, response);
        }
    }

    private static String header(String[] nameValues, String name) {
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i].equalsIgnoreCase(name)) {
                return nameValues[i + 1];
            }
        }
        return null;
    }

    /** {@code authorization: Bearer <key>} as header arguments for {@link #get} and friends. */
    public static String[] bearer(String key) {
        return new String[] {"authorization", "Bearer " + key};
    }

    // --- Keys and data ------------------------------------------------------------------------------------

    /** A new API key for a federation id ("06") or "HQ"; the full bearer secret. */
    public String issueKey(String scope) {
        return new Platform(settings()).apiKeys().issue(scope, "test", "test").secret();
    }

    /** An address no other test uses, at the reserved example.org domain. */
    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    // --- Events and emails --------------------------------------------------------------------------------

    /** Waits until every event put on the bus so far has been handled (or dead-lettered). */
    public void awaitEvents() {
        try {
            // SES events come from what the emulator stored: publish them, then wait for everything to settle.
            platform.drainSesEvents();
            platform.drainS3Events();
            platform.eventBus().awaitIdle(Duration.ofSeconds(60));
            platform.drainSesEvents();
            // The intake's own writes (moves, thumbnails) are objects too: announce them and let them settle.
            platform.drainS3Events();
            platform.eventBus().awaitIdle(Duration.ofSeconds(60));
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The SES emulator's store, see {@link Emails} for its shape. */
    public JsonNode sentEmails() {
        return platform.sentEmails();
    }

    public List<JsonNode> emailsTo(String address) {
        return Emails.to(sentEmails(), address);
    }

    /** The latest email to this address, waiting for pending events (and a little more) for it to arrive. */
    public JsonNode awaitEmailTo(String address) {
        awaitEvents();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<JsonNode> emails = emailsTo(address);
            if (!emails.isEmpty()) {
                return emails.get(emails.size() - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no email to " + address);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
