package fr.eterrain.core.store.dynamo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** A recipient's change counts as done only when its own condition failed, not when DynamoDB cancelled for load. */
class CancelledTransactionsTest {
    private static TransactionCanceledException cancelled(String... codes) {
        CancellationReason[] reasons = new CancellationReason[codes.length];
        for (int i = 0; i < codes.length; i++) {
            reasons[i] = CancellationReason.builder().code(codes[i]).build();
        }
        return TransactionCanceledException.builder().cancellationReasons(reasons).build();
    }

    @Test
    void aFailedConditionMeansAlreadyDone() {
        assertTrue(DynamoNewsletterStore.alreadyDone(cancelled("ConditionalCheckFailed", "None")));
    }

    @Test
    void aConflictOrThrottlingIsNotDoneAndMustBeRetried() {
        assertFalse(DynamoNewsletterStore.alreadyDone(cancelled("None", "TransactionConflict")));
        assertFalse(DynamoNewsletterStore.alreadyDone(cancelled("ThrottlingError", "None")));
        assertFalse(DynamoNewsletterStore.alreadyDone(TransactionCanceledException.builder().message("no reasons").build()));
    }
}
