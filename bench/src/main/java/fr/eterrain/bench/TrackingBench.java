package fr.eterrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.pixel.PixelFunction;
import fr.eterrain.redirect.RedirectFunction;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pixel and redirect handlers, from API Gateway event to response, on the recipients of a real send; beside
 * them, one bare DynamoDB PutItem to the same emulator through the same client. The three are interleaved call by
 * call so that whatever slows the machine slows them alike.
 */
final class TrackingBench implements Measurement {
    private static final int RECIPIENTS = 400;
    private static final int WARMUP = 1_000;
    private static final int ROUNDS = 4_000;

    @Override
    public String name() {
        return "tracking";
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        try (SesSink sink = new SesSink()) {
            Settings settings = context.settings().with(Map.of("AWS_ENDPOINT_URL_SESV2", sink.url()));
            Platform platform = new Platform(settings, Clock.systemUTC());
            Campaign campaign = Campaign.sent(platform, "33", "track", RECIPIENTS);
            // People open and click later than machines do (clicks within 20 s of delivery count as machines).
            Platform later = new Platform(settings, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
            HttpFunction pixel = new PixelFunction(later);
            HttpFunction redirect = new RedirectFunction(later);
            JsonNode pixelSample = Json.parse(Files.readString(context.root().resolve("events/pixel-open.json")));
            JsonNode clickSample = Json.parse(Files.readString(context.root().resolve("events/redirect-click.json")));
            List<JsonNode> opens = new ArrayList<>();
            List<JsonNode> clicks = new ArrayList<>();
            for (String contact : campaign.contacts()) {
                opens.add(withToken(pixelSample, "/v1/o/", token(platform.trackingLinks().pixel("33", campaign.id(), contact))));
                clicks.add(withToken(clickSample, "/v1/c/", token(platform.trackingLinks().click("33", campaign.id(), contact, 0))));
            }
            DynamoDbClient dynamo = later.clients().dynamo();
            String table = later.layout().federationTable("33");

            Samples pixelTimes = new Samples();
            Samples clickTimes = new Samples();
            Samples putTimes = new Samples();
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                boolean measured = i >= WARMUP;
                int r = i % opens.size();
                long t0 = System.nanoTime();
                int status = pixel.handleEvent(opens.get(r), "bench").status();
                long t1 = System.nanoTime();
                int location = redirect.handleEvent(clicks.get(r), "bench").status();
                long t2 = System.nanoTime();
                dynamo.putItem(p -> p.tableName(table).item(Map.of(
                        "pk", AttributeValue.fromS("BENCH#put"), "sk", AttributeValue.fromS("i" + r),
                        "count", AttributeValue.fromN("1"), "at", AttributeValue.fromS("2026-11-24T10:00:00Z"))));
                long t3 = System.nanoTime();
                if (status != 200 || location != 302) {
                    throw new IllegalStateException("pixel answered " + status + ", redirect " + location);
                }
                if (measured) {
                    pixelTimes.add(t1 - t0);
                    clickTimes.add(t2 - t1);
                    putTimes.add(t3 - t2);
                }
            }
            Report.Section s = report.section("Tracking: pixel and redirect handlers",
                    "Each handler invoked in-process with an API Gateway payload 2.0 event, " + ROUNDS + " times after " + WARMUP
                            + " warm-up calls, cycling over the " + RECIPIENTS + " recipients of a real send (so first opens"
                            + " and repeat opens both occur, as they do). Reference: one bare DynamoDB PutItem of a small item to"
                            + " the same table on the same DynamoDB Local, through the same client, timed in the same loop.");
            s.row("Pixel (open), median", pixelTimes.medianMicros(), "µs", putTimes.medianMicros(), "bare PutItem median", target(pixelTimes.medianMicros() / putTimes.medianMicros(), 1.5));
            s.row("Pixel (open), p99", pixelTimes.p99Micros(), "µs", putTimes.p99Micros(), "bare PutItem p99", target(pixelTimes.p99Micros() / putTimes.p99Micros(), 2));
            s.row("Redirect (click), median", clickTimes.medianMicros(), "µs", putTimes.medianMicros(), "bare PutItem median", target(clickTimes.medianMicros() / putTimes.medianMicros(), 1.5));
            s.row("Redirect (click), p99", clickTimes.p99Micros(), "µs", putTimes.p99Micros(), "bare PutItem p99", target(clickTimes.p99Micros() / putTimes.p99Micros(), 2));
            context.figures().put("pixel.median.ms", pixelTimes.medianMicros() / 1000);
            context.figures().put("redirect.median.ms", clickTimes.medianMicros() / 1000);
            System.out.printf("   pixel %.0f µs, redirect %.0f µs, bare put %.0f µs (medians)%n", pixelTimes.medianMicros(),
                    clickTimes.medianMicros(), putTimes.medianMicros());
        }
    }

    /** Issue 15's target for a handler ÷ bare PutItem ratio. */
    static String target(double ratio, double target) {
        return String.format(java.util.Locale.ROOT, "target ≤ %s×: %s", Report.format(target), ratio <= target ? "met" : "MISSED");
    }

    static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static JsonNode withToken(JsonNode sample, String prefix, String token) {
        ObjectNode event = sample.deepCopy();
        event.remove("_comment");
        event.put("rawPath", prefix + token);
        ((ObjectNode) event.path("pathParameters")).put("token", token);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", prefix + token);
        return event;
    }
}
