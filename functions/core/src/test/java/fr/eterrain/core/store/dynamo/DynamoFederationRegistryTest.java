package fr.eterrain.core.store.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.testing.Fakes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A registry read before the seed (a request during provisioning) or a failed one is never kept: the next lookup
 * reads again, instead of answering "Unknown federation" for the cache's five minutes.
 */
class DynamoFederationRegistryTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final List<Map<String, AttributeValue>> rows = new ArrayList<>();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile boolean failing;

    private final DynamoDbClient dynamo = new DynamoDbClient() {
        @Override
        public QueryResponse query(QueryRequest request) {
            queries.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("table unavailable");
            }
            return QueryResponse.builder().items(List.copyOf(rows)).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    };
    private final DynamoFederationRegistry registry = new DynamoFederationRegistry(dynamo, new TableLayout("t"), clock);

    private static Map<String, AttributeValue> federation(String id) {
        return Map.of("pk", AttributeValue.fromS("FEDERATION"), "sk", AttributeValue.fromS(id),
                "name", AttributeValue.fromS("Fédération " + id), "senderAddress", AttributeValue.fromS(id + "@x.fr"));
    }

    @Test
    void anEmptyReadIsNotCached() {
        assertTrue(registry.find("06").isEmpty(), "read before the seed");
        rows.add(federation("06"));
        assertEquals("Fédération 06", registry.find("06").orElseThrow().name(), "read again at once, not in 5 minutes");
        int reads = queries.get();
        registry.find("06");
        registry.all();
        assertEquals(reads, queries.get(), "a full read is kept");
    }

    @Test
    void aFailedReadIsNotCachedEither() {
        failing = true;
        assertThrows(IllegalStateException.class, () -> registry.find("06"));
        failing = false;
        rows.add(federation("06"));
        assertTrue(registry.find("06").isPresent());
    }
}
