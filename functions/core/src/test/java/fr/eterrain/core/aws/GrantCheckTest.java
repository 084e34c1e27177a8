package fr.eterrain.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.wiring.Grant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** The local stand-in for IAM: a call is allowed only when one of the function's grants names its action and resource. */
class GrantCheckTest {
    private final GrantCheck pixel = new GrantCheck("pixel", Set.of(Grant.FEDERATION_TRACKING, Grant.TOKEN_KEYS),
            "eterrain-test-platform", "eterrain-test-fed-", "eterrain-test-content");

    private boolean allowed(GrantCheck check, software.amazon.awssdk.core.SdkRequest request) {
        return check.calls(request).stream().allMatch(check::allowed);
    }

    @Test
    void theTrackingGrantAllowsItsHotPathOnTheFederationTablesOnly() {
        Map<String, KeysAndAttributes> batch = Map.of("eterrain-test-fed-06", KeysAndAttributes.builder()
                .keys(List.of(Map.of("pk", AttributeValue.fromS("x")))).build());
        assertTrue(allowed(pixel, BatchGetItemRequest.builder().requestItems(batch).build()));
        assertTrue(allowed(pixel, TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("eterrain-test-fed-06")).build(),
                TransactWriteItem.builder().update(u -> u.tableName("eterrain-test-fed-06")).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("eterrain-test-fed-06")).build()).build()));
        assertFalse(allowed(pixel, QueryRequest.builder().tableName("eterrain-test-fed-06").build()), "no query");
        assertFalse(allowed(pixel, GetItemRequest.builder().tableName("eterrain-test-platform").build()), "no platform table");
        assertFalse(allowed(pixel, TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName("eterrain-test-fed-06")).build()).build()), "no delete");
        assertFalse(allowed(pixel, GetItemRequest.builder().tableName("another-app-table").build()), "no other table");
        assertFalse(allowed(pixel, SendEmailRequest.builder().build()), "no mail");
    }

    @Test
    void aCopyReadsItsSourceAndWritesItsDestination() {
        GrantCheck readOnly = new GrantCheck("x", Set.of(Grant.CONTENT_BUCKET_READ), "p", "f-", "bucket");
        GrantCheck both = new GrantCheck("x", Set.of(Grant.CONTENT_BUCKET_READ, Grant.CONTENT_BUCKET_WRITE), "p", "f-", "bucket");
        CopyObjectRequest copy = CopyObjectRequest.builder().sourceBucket("bucket").sourceKey("a")
                .destinationBucket("bucket").destinationKey("b").build();
        assertEquals(2, both.calls(copy).size());
        assertFalse(allowed(readOnly, copy));
        assertTrue(allowed(both, copy));
    }
}
