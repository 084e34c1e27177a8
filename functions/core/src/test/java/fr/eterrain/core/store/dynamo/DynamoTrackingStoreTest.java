package fr.eterrain.core.store.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.lite.AwsServiceException;
import fr.eterrain.core.aws.lite.DynamoJson;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore.Increment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A repeated hit's counters are one UpdateItem ADD on the newsletter's statistics item, which first hits update in
 * transactions. DynamoDB rejects an UpdateItem on an item an ongoing transaction holds (TransactionConflictException,
 * which the client does not retry); the rejected ADD was not applied. Giving up lost the hit (the tracker logged "not
 * counted"); it is tried again instead, and a conflict that lasts still surfaces.
 */
class DynamoTrackingStoreTest {
    /** A table answering UpdateItem: first {@code conflicts} times with a transaction conflict, then normally. */
    private static final class Table implements DynamoJson {
        final List<ObjectNode> applied = new ArrayList<>();
        int rejected;
        int conflicts;

        @Override
        public JsonNode call(String operation, ObjectNode request) {
            assertEquals("UpdateItem", operation);
            if (rejected < conflicts) {
                rejected++;
                throw new AwsServiceException("TransactionConflictException", 400, "Transaction is ongoing for the item",
                        Json.object());
            }
            applied.add(request);
            return Json.object();
        }
    }

    private static Increment repeatedOpen() {
        return new Increment("06", "nl1", Map.of(StatsKeys.OPENS, 1L, "e218", 1L), "alice", List.of(), false,
                Instant.parse("2026-11-24T17:30:00Z"));
    }

    @Test
    void anAddRejectedBecauseOfAnOngoingTransactionIsAppliedOnceAfterwards() {
        Table table = new Table();
        table.conflicts = 3;
        assertTrue(new DynamoTrackingStore(table, new TableLayout("eterrain-test")).apply(repeatedOpen()));
        assertEquals(3, table.rejected);
        assertEquals(1, table.applied.size(), "applied exactly once");
        ObjectNode update = table.applied.get(0);
        assertEquals("eterrain-test-fed-06", update.path("TableName").asText());
        assertEquals("NEWSLETTER#nl1", DynamoJson.string(update.path("Key"), TableLayout.PK));
        assertEquals(StatsKeys.STATS, DynamoJson.string(update.path("Key"), TableLayout.SK));
        assertTrue(update.path("UpdateExpression").asText().startsWith("ADD "));
    }

    @Test
    void aConflictThatLastsSurfacesInsteadOfBeingCountedOrSilentlyDropped() {
        Table table = new Table();
        table.conflicts = Integer.MAX_VALUE;
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> new DynamoTrackingStore(table, new TableLayout("eterrain-test")).apply(repeatedOpen()));
        assertEquals("TransactionConflictException", e.code());
        assertEquals(5, table.rejected);
        assertEquals(0, table.applied.size());
    }
}
