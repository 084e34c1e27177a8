package fr.eterrain.core.aws.lite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.GrantRules;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Grant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The direct client's calls are checked against the wiring grants as the SDK's are (GrantCheckTest). */
class DirectDynamoTest {
    private final GrantRules pixel = new GrantRules("pixel", Set.of(Grant.FEDERATION_TRACKING, Grant.TOKEN_KEYS),
            "eterrain-test-platform", "eterrain-test-fed-", "eterrain-test-content");

    private boolean allowed(String operation, String json) {
        return DirectDynamo.calls(pixel, operation, Json.parse(json)).stream().allMatch(pixel::allowed);
    }

    @Test
    void theTrackingGrantAllowsItsHotPathOnTheFederationTablesOnly() {
        assertTrue(allowed("BatchGetItem", "{\"RequestItems\":{\"eterrain-test-fed-06\":{\"Keys\":[]}}}"));
        assertTrue(allowed("UpdateItem", "{\"TableName\":\"eterrain-test-fed-06\"}"));
        assertTrue(allowed("TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"eterrain-test-fed-06\"}},"
                + "{\"Update\":{\"TableName\":\"eterrain-test-fed-06\"}},{\"ConditionCheck\":{\"TableName\":\"eterrain-test-fed-06\"}}]}"));
        assertFalse(allowed("Query", "{\"TableName\":\"eterrain-test-fed-06\"}"), "no query");
        assertFalse(allowed("GetItem", "{\"TableName\":\"eterrain-test-platform\"}"), "no platform table");
        assertFalse(allowed("TransactWriteItems", "{\"TransactItems\":[{\"Delete\":{\"TableName\":\"eterrain-test-fed-06\"}}]}"), "no delete");
        assertFalse(allowed("BatchGetItem", "{\"RequestItems\":{\"another-app-table\":{\"Keys\":[]}}}"), "no other table");
    }

    @Test
    void aCallNotGrantedNeverLeaves() {
        AwsJsonClient unreachable = null; // refused before any use of the client
        ObjectNode query = Json.object().put("TableName", "eterrain-test-fed-06");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new DirectDynamo(unreachable, pixel).call("Query", query));
    }
}
