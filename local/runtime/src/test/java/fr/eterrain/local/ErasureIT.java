package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** After DELETE, no table holds anything of the person but the keyed hash that keeps the address suppressed. */
class ErasureIT {
    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);

    @Test
    void erasureLeavesOnlyTheSuppressionHash() {
        String email = TestStack.uniqueEmail("erase");
        String id = contacts.confirmedContact("06", email, true);
        String key = stack.issueKey("06");
        assertEquals(200, stack.send("PATCH", "/v1/federations/06/contacts/" + id, "application/json",
                "{\"tags\":[\"porte-a-porte\"],\"lastName\":\"Dupont-Unique\"}", TestStack.bearer(key)).statusCode());
        assertEquals(200, stack.get("/v1/federations/06/contacts/" + id + "/export", TestStack.bearer(key)).statusCode());

        assertEquals(204, stack.send("DELETE", "/v1/federations/06/contacts/" + id, null, null, TestStack.bearer(key)).statusCode());
        assertEquals(404, stack.get("/v1/federations/06/contacts/" + id, TestStack.bearer(key)).statusCode());
        assertEquals(404, stack.send("DELETE", "/v1/federations/06/contacts/" + id, null, null, TestStack.bearer(key)).statusCode());

        Platform platform = contacts.platform();
        String hash = platform.hash().email(email);
        List<String> traces = new ArrayList<>();
        List<Map<String, AttributeValue>> suppression = new ArrayList<>();
        for (String table : platform.clients().dynamo().listTablesPaginator().tableNames()) {
            if (!table.startsWith(stack.settings().tablePrefix())) {
                continue;
            }
            platform.clients().dynamo().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
                String text = item.toString();
                if (text.contains(hash)) {
                    suppression.add(item);
                }
                for (String needle : new String[] {id, email, "Dupont-Unique", platform.access().targetOf(id)}) {
                    if (text.contains(needle) && !needle.equals(platform.access().targetOf(id))) {
                        traces.add(table + ": " + text);
                    }
                }
            });
        }
        assertTrue(traces.isEmpty(), "traces left: " + traces);
        assertEquals(1, suppression.size(), "only the suppression entry: " + suppression);
        assertEquals(Boolean.TRUE, suppression.get(0).get("suppressed").bool());
        assertEquals(List.of("pk", "sk", "suppressed", "suppressedAt", "suppressionReason").stream().sorted().toList(),
                suppression.get(0).keySet().stream().sorted().toList());

        // The address stays suppressed: a new signup is answered the same way but sends nothing.
        int before = stack.emailsTo(email).size();
        assertEquals(202, contacts.signup("06", email, false).statusCode());
        assertEquals(before, stack.emailsTo(email).size());
    }
}
