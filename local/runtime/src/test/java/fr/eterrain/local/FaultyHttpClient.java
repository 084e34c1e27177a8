package fr.eterrain.local;

import fr.eterrain.core.aws.ClientHooks;
import fr.eterrain.core.aws.lite.DirectHooks;
import fr.eterrain.core.aws.lite.HttpTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Wraps a service's real HTTP client (the SDK's, or the exchange of core's direct clients) and, with seeded probabilities, answers in its place the way the service
 * throttles, or forwards the request and then loses the response (the write took effect, the caller never
 * learns it). The SDK sees genuine service answers: it retries them itself, and what exhausts its retries
 * reaches our code. Every injected fault is counted, per service and operation.
 *
 * <ul>
 * <li>DynamoDB (JSON 1.0): HTTP 400 with {@code __type} ProvisionedThroughputExceededException or
 * ThrottlingException; for TransactWriteItems also TransactionCanceledException with a ThrottlingError
 * cancellation reason, which DynamoDB answers when a transaction's item is throttled (not retried by the SDK).</li>
 * <li>SES v2 (REST-JSON): HTTP 429, {@code x-amzn-ErrorType: TooManyRequestsException}, a JSON message.</li>
 * </ul>
 */
final class FaultyHttpClient implements SdkHttpClient {
    /**
     * How often each kind of fault is injected into one service's calls, 0 to 1; and throttling bursts (a hot
     * partition, an account over its quota): every call throttled for {@code burstMillis} every {@code burstEveryMillis}.
     */
    record Rates(double throttle, double loseResponse, long burstEveryMillis, long burstMillis) {
        static final Rates NONE = new Rates(0, 0, 0, 0);
    }

    private final String service;
    private final SdkHttpClient delegate;
    private final Rates rates;
    private final Random random;
    private final Counts counts;
    private final AtomicBoolean enabled;
    private final long startNanos;

    FaultyHttpClient(String service, SdkHttpClient delegate, Rates rates, Random random, Counts counts, AtomicBoolean enabled,
                     long startNanos) {
        this.service = service;
        this.delegate = delegate;
        this.rates = rates;
        this.random = random;
        this.counts = counts;
        this.enabled = enabled;
        this.startNanos = startNanos;
    }

    private enum Decision { FORWARD, THROTTLE, LOSE_RESPONSE }

    private Decision decide() {
        if (!enabled.get()) {
            return Decision.FORWARD;
        }
        if (rates.burstEveryMillis() > 0
                && (System.nanoTime() - startNanos) / 1_000_000 % rates.burstEveryMillis() < rates.burstMillis()) {
            return Decision.THROTTLE;
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < rates.throttle()) {
            return Decision.THROTTLE;
        }
        if (draw < rates.throttle() + rates.loseResponse()) {
            return Decision.LOSE_RESPONSE;
        }
        return Decision.FORWARD;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String operation = operation(service, request.httpRequest());
        Decision decision = decide();
        if (decision == Decision.THROTTLE) {
            counts.add(service, operation, "throttled");
            HttpExecuteResponse answer = throttled(operation);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return answer;
                }

                @Override
                public void abort() {
                }
            };
        }
        ExecutableHttpRequest real = delegate.prepareRequest(request);
        if (decision == Decision.FORWARD) {
            return real;
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse response = real.call();
                if (response.responseBody().isPresent()) {
                    try (InputStream body = response.responseBody().get()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                counts.add(service, operation, "lost");
                throw new IOException("injected fault: connection reset after " + service + " " + operation + " was processed");
            }

            @Override
            public void abort() {
                real.abort();
            }
        };
    }

    /** This injector around a direct client's exchange: the same decisions, the same answers. */
    HttpTransport direct(HttpTransport real) {
        return request -> {
            String operation = request.headers().containsKey("x-amz-target")
                    ? request.headers().get("x-amz-target").substring(request.headers().get("x-amz-target").indexOf('.') + 1)
                    : request.method() + " " + request.uri().getRawPath();
            Decision decision = decide();
            if (decision == Decision.THROTTLE) {
                counts.add(service, operation, "throttled");
                HttpExecuteResponse answer = throttled(operation);
                Map<String, String> headers = new HashMap<>();
                answer.httpResponse().forEachHeader((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
                byte[] body = answer.responseBody().orElseThrow().readAllBytes();
                return new HttpTransport.Response(answer.httpResponse().statusCode(), headers, body);
            }
            HttpTransport.Response response = real.send(request);
            if (decision == Decision.FORWARD) {
                return response;
            }
            counts.add(service, operation, "lost");
            throw new IOException("injected fault: connection reset after " + service + " " + operation + " was processed");
        };
    }

    private HttpExecuteResponse throttled(String operation) {
        if (service.equals("SESV2")) {
            return answer(429, "application/json", Map.of("x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/coral/com.amazon.bacon/"),
                    "{\"message\":\"Maximum sending rate exceeded.\"}");
        }
        if (service.equals("DYNAMODB")) {
            int variant;
            synchronized (random) {
                variant = random.nextInt(3);
            }
            if (operation.equals("TransactWriteItems") && variant == 2) {
                return answer(400, "application/x-amz-json-1.0", Map.of(), """
                        {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",\
                        "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError, None]",\
                        "CancellationReasons":[{"Code":"ThrottlingError","Message":"Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly."},{"Code":"None"}]}""");
            }
            if (variant == 0) {
                return answer(400, "application/x-amz-json-1.0", Map.of(), """
                        {"__type":"com.amazon.coral.availability#ThrottlingException","message":"Throughput exceeds the current capacity for one or more global secondary indexes. DynamoDB is automatically scaling your index so please try again shortly."}""");
            }
            return answer(400, "application/x-amz-json-1.0", Map.of(), """
                    {"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."}""");
        }
        // Any other AWS service: the generic throttling answer the SDK recognises by its status.
        return answer(429, "application/json", Map.of("x-amzn-ErrorType", "ThrottlingException"), "{\"message\":\"Rate exceeded\"}");
    }

    private static HttpExecuteResponse answer(int status, String contentType, Map<String, String> headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .putHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.forEach(response::putHeader);
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
    }

    /** DynamoDB's X-Amz-Target operation, or the method and path of a REST call. */
    static String operation(String service, SdkHttpRequest request) {
        return request.firstMatchingHeader("X-Amz-Target")
                .map(target -> target.substring(target.indexOf('.') + 1))
                .orElseGet(() -> request.method() + " " + request.encodedPath());
    }

    @Override
    public String clientName() {
        return "Faulty" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Injected faults, by service, operation and kind. */
    static final class Counts {
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        void add(String service, String operation, String kind) {
            counts.computeIfAbsent(service + " " + operation + " " + kind, k -> new AtomicLong()).incrementAndGet();
        }

        long total() {
            return counts.values().stream().mapToLong(AtomicLong::get).sum();
        }

        /** Faults of one service (DYNAMODB, SESV2) of one kind (throttled, lost). */
        long of(String service, String kind) {
            return counts.entrySet().stream().filter(e -> e.getKey().startsWith(service + " ") && e.getKey().endsWith(" " + kind))
                    .mapToLong(e -> e.getValue().get()).sum();
        }

        @Override
        public String toString() {
            Map<String, Long> sorted = new TreeMap<>();
            counts.forEach((k, v) -> sorted.put(k, v.get()));
            return sorted.toString();
        }
    }

    /**
     * Hooks for {@code new Platform(settings, clock, hooks)}: every client of a service given rates goes through
     * a {@link FaultyHttpClient}; one seed, one count for all.
     */
    static final class Faults implements ClientHooks {
        private final Map<String, Rates> rates = new HashMap<>();
        private final Random random;
        private final Counts counts = new Counts();
        private final AtomicBoolean enabled = new AtomicBoolean(true);
        private final long startNanos = System.nanoTime();

        Faults(long seed) {
            this.random = new Random(seed);
        }

        Faults throttle(String service, double rate) {
            Rates r = rates.getOrDefault(service, Rates.NONE);
            rates.put(service, new Rates(rate, r.loseResponse(), r.burstEveryMillis(), r.burstMillis()));
            return this;
        }

        Faults loseResponses(String service, double rate) {
            Rates r = rates.getOrDefault(service, Rates.NONE);
            rates.put(service, new Rates(r.throttle(), rate, r.burstEveryMillis(), r.burstMillis()));
            return this;
        }

        /** Every call of the service throttled for {@code length}, once every {@code every}. */
        Faults throttleBursts(String service, java.time.Duration every, java.time.Duration length) {
            Rates r = rates.getOrDefault(service, Rates.NONE);
            rates.put(service, new Rates(r.throttle(), r.loseResponse(), every.toMillis(), length.toMillis()));
            return this;
        }

        /** Faults stop (or resume): the service has recovered. */
        void enabled(boolean on) {
            enabled.set(on);
        }

        Counts counts() {
            return counts;
        }

        @Override
        public SdkHttpClient wrap(String service, SdkHttpClient client) {
            Rates r = rates.get(service);
            return r == null ? client : new FaultyHttpClient(service, client, r, random, counts, enabled, startNanos);
        }

        /** The same faults for core's direct clients (SES, events, tracking go without the SDK). */
        @Override
        public DirectHooks direct() {
            return new DirectHooks() {
                @Override
                public HttpTransport transport(String service, HttpTransport real) {
                    Rates r = rates.get(service);
                    return r == null ? real : new FaultyHttpClient(service, null, r, random, counts, enabled, startNanos).direct(real);
                }
            };
        }
    }
}
