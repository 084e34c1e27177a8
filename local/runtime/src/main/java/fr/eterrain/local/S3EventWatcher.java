package fr.eterrain.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What S3's EventBridge notifications would publish for the content bucket, from listing it every 500 ms: an
 * "Object Created" event (source aws.s3) for each object that appeared or changed since the last look, with the
 * detail S3 sends ({@code bucket.name}, {@code object.key/size/etag}). The wiring rules then run as in AWS.
 * Objects already there at start (kept in .local/ by an earlier run) were announced then, not again.
 */
public final class S3EventWatcher implements AutoCloseable {
    static final long PERIOD_MS = 500;

    private final S3Client s3;
    private final String bucket;
    private final EventDispatcher dispatcher;
    private final String busName;
    private final String account;
    private final Map<String, String> seen = new HashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("s3-events"));
    private String lastProblem;

    public S3EventWatcher(Settings settings, EventDispatcher dispatcher, String account) {
        this.s3 = new AwsClients(settings).s3();
        this.bucket = settings.contentBucket();
        this.dispatcher = dispatcher;
        this.busName = settings.eventBusName();
        this.account = account;
        list().forEach((key, object) -> seen.put(key, etag(object)));
        poller.scheduleWithFixedDelay(this::pollQuietly, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            drain();
            lastProblem = null;
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                Console.info("s3 events: cannot list " + bucket + ": " + e.getMessage());
                lastProblem = String.valueOf(e.getMessage());
            }
        }
    }

    /** Announces what changed since the last look; tests call it to be sure the bus has every upload. */
    public synchronized int drain() {
        Map<String, S3Object> now = list();
        int announced = 0;
        for (S3Object object : now.values()) {
            if (!etag(object).equals(seen.get(object.key()))) {
                announce(object.key(), object.size(), etag(object));
                seen.put(object.key(), etag(object));
                announced++;
            }
        }
        Set<String> gone = new HashSet<>(seen.keySet());
        gone.removeAll(now.keySet());
        gone.forEach(seen::remove);
        return announced;
    }

    private Map<String, S3Object> list() {
        Map<String, S3Object> objects = new HashMap<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> objects.put(o.key(), o));
        return objects;
    }

    private static String etag(S3Object object) {
        return object.eTag() == null ? "" : object.eTag().replace("\"", "");
    }

    private void announce(String key, long size, String etag) {
        ObjectNode detail = Json.object();
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        detail.putObject("object").put("key", key).put("size", size).put("etag", etag)
                .put("sequencer", HexFormat.of().toHexDigits(System.nanoTime()).toUpperCase());
        detail.put("request-id", UUID.randomUUID().toString());
        detail.put("requester", account);
        detail.put("reason", etag.contains("-") ? "CompleteMultipartUpload" : "PutObject");
        dispatcher.dispatch(new EventDispatcher.Entry("aws.s3", "Object Created", detail, busName));
    }

    @Override
    public void close() {
        poller.shutdownNow();
        s3.close();
    }
}
