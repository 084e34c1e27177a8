package fr.eterrain.core.store.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore.Increment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A repeated hit's counters are one UpdateItem ADD on the newsletter's statistics item, which first hits update in
 * transactions. DynamoDB rejects an UpdateItem on an item an ongoing transaction holds (TransactionConflictException,
 * not retried by the SDK); the rejected ADD was not applied. Giving up lost the hit (the tracker logged "not
 * counted"); it is tried again instead, and a conflict that lasts still surfaces.
 */
class DynamoTrackingStoreTest {
    /** A table answering UpdateItem: first {@code conflicts} times with a transaction conflict, then normally. */
    private static final class Table implements DynamoDbClient {
        final List<UpdateItemRequest> applied = new ArrayList<>();
        int rejected;
        int conflicts;

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            if (rejected < conflicts) {
                rejected++;
                throw TransactionConflictException.builder().message("Transaction is ongoing for the item").build();
            }
            applied.add(request);
            return UpdateItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
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
        UpdateItemRequest update = table.applied.get(0);
        assertEquals("eterrain-test-fed-06", update.tableName());
        assertEquals("NEWSLETTER#nl1", update.key().get(TableLayout.PK).s());
        assertEquals(StatsKeys.STATS, update.key().get(TableLayout.SK).s());
        assertTrue(update.updateExpression().startsWith("ADD "));
    }

    @Test
    void aConflictThatLastsSurfacesInsteadOfBeingCountedOrSilentlyDropped() {
        Table table = new Table();
        table.conflicts = Integer.MAX_VALUE;
        assertThrows(TransactionConflictException.class,
                () -> new DynamoTrackingStore(table, new TableLayout("eterrain-test")).apply(repeatedOpen()));
        assertEquals(5, table.rejected);
        assertEquals(0, table.applied.size());
    }
}
