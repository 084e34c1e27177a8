package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A CSV address book: a report per row; pending rows get only the double opt-in email, through the event bus. */
class ImportIT {
    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);

    @Test
    void importReportsEveryRowAndMailsOnlyThePendingOnes() {
        String withProof = TestStack.uniqueEmail("proof");
        String without = TestStack.uniqueEmail("pending");
        String csv = "email;prenom;categorie;consentWordingVersion;consentDate;consentSource\n"
                + withProof + ";Ana;militant;papier-2024;2024-03-01;fête de la rose\n"
                + without + ";Ben;;;;\n"
                + "not-an-address;;;;;\n";
        HttpResponse<String> response = stack.post("/v1/federations/33/contacts/import", "text/csv", csv,
                TestStack.bearer(stack.issueKey("33")));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = Json.parse(response.body());
        assertEquals(3, report.get("received").asInt());
        assertEquals(1, report.get("active").asInt());
        assertEquals(1, report.get("pending").asInt());
        assertEquals(1, report.get("rejected").asInt());
        assertEquals("email", report.get("rows").get(2).get("field").asText());

        JsonNode email = stack.awaitEmailTo(without);
        assertTrue(email.path("subject").asText().startsWith("Confirmez votre inscription"));
        assertEquals(0, stack.emailsTo(withProof).size(), "a contact with proof is not re-asked");
        assertEquals("active", contacts.find("33", withProof).get("status").asText());
        assertEquals("pending", contacts.find("33", without).get("status").asText());

        HttpResponse<String> again = stack.post("/v1/federations/33/contacts/import", "text/csv", csv,
                TestStack.bearer(stack.issueKey("33")));
        assertEquals(0, Json.parse(again.body()).get("accepted").asInt(), "a retried import duplicates nobody");
        stack.awaitEvents();
        assertEquals(1, stack.emailsTo(without).size());

        assertEquals(400, stack.post("/v1/federations/33/contacts/import", "text/csv", "nom\nx\n",
                TestStack.bearer(stack.issueKey("33"))).statusCode());
        assertEquals(415, stack.post("/v1/federations/33/contacts/import", "application/json", "{}",
                TestStack.bearer(stack.issueKey("33"))).statusCode());
    }
}
