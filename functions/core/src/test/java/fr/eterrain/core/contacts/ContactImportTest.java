package fr.eterrain.core.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.testing.TestCore;
import org.junit.jupiter.api.Test;

class ContactImportTest {
    private final TestCore core = new TestCore();

    private static final String CSV = """
            Courriel;Prénom;Nom;Code postal;Catégorie;Tags;consentWordingVersion;consentDate;consentSource
            alice@exemple.fr;Alice;Martin;06000;militant;canton-nord|porte-a-porte;papier-2024;2024-05-02;réunion publique Nice
            bob@exemple.fr;Bob;;06100;sympathisant;;;;
            pas-une-adresse;X;;;;;;;
            alice@exemple.fr;Alice;;;;;;;
            carol@exemple.fr;;;;inconnue;;;;
            dan@exemple.fr;;;;;;papier-2024;;
            eve@exemple.fr;;;;;;papier-2024;2099-01-01;salon
            """;

    @Test
    void reportsEveryRowAndWritesOnlyTheAcceptedOnes() {
        ObjectNode report = core.importer.importCsv("06", CSV, "key-1");
        assertEquals(7, report.get("received").asInt());
        assertEquals(2, report.get("accepted").asInt());
        assertEquals(1, report.get("active").asInt());
        assertEquals(1, report.get("pending").asInt());
        assertEquals(5, report.get("rejected").asInt());
        JsonNode rows = report.get("rows");
        assertEquals("accepted", rows.get(0).get("status").asText());
        assertEquals("email", rows.get(2).get("field").asText());
        assertEquals("duplicate of an earlier row", rows.get(3).get("reason").asText());
        assertEquals("category", rows.get(4).get("field").asText());
        assertEquals("consentDate", rows.get(5).get("field").asText());
        assertEquals("consentDate", rows.get(6).get("field").asText());
        assertEquals(2, core.store.contacts.get("06").size());
    }

    @Test
    void rowsWithProofAreActiveWithTheProofLoggedAndOthersOnlyGetTheDoubleOptIn() {
        core.importer.importCsv("06", CSV, "key-1");
        Contact alice = core.store.contacts.get("06").values().stream().filter(c -> c.getEmail().startsWith("alice")).findFirst().orElseThrow();
        Contact bob = core.store.contacts.get("06").values().stream().filter(c -> c.getEmail().startsWith("bob")).findFirst().orElseThrow();
        assertEquals(ContactStatus.ACTIVE, alice.getStatus());
        ConsentEvent proof = core.store.consentLog("06", alice.getId()).get(0);
        assertEquals(ConsentEvent.IMPORTED_WITH_PROOF, proof.getType());
        assertEquals("papier-2024", proof.getWordingVersion());
        assertEquals("key-1", proof.getRecordedBy());
        assertEquals(java.util.List.of("canton-nord", "porte-a-porte"), alice.getTags());
        assertEquals(ContactStatus.PENDING, bob.getStatus());
        assertEquals(1, core.events.published.size());
        JsonNode request = core.events.published.get(0).detail().get("requests").get(0);
        assertEquals(bob.getId(), request.get("contactId").asText());
        assertTrue(core.service.sendPendingConfirmation("06", bob.getId(), request.get("nonce").asText()));
        assertEquals(1, core.mailer.sent.size());
        assertTrue(!core.service.sendPendingConfirmation("06", bob.getId(), request.get("nonce").asText()),
                "a redelivered request does not mail twice");
    }

    @Test
    void aRepeatedImportCreatesNoDuplicates() {
        core.importer.importCsv("06", CSV, "key-1");
        ObjectNode again = core.importer.importCsv("06", CSV, "key-1");
        assertEquals(0, again.get("accepted").asInt());
        assertEquals(2, core.store.contacts.get("06").size());
    }

    @Test
    void aFileWithoutAnEmailColumnIsRefusedWhole() {
        ApiException e = assertThrows(ApiException.class, () -> core.importer.importCsv("06", "nom;prenom\nx;y\n", "k"));
        assertEquals("missing_column", e.code());
        assertEquals(null, core.store.contacts.get("06"));
    }

    @Test
    void aRowWhoseNameIsALinkOrMarkupIsRejectedWithItsReason() {
        ObjectNode report = core.importer.importCsv("06", """
                email;prenom;nom
                a@exemple.fr;https://phish.example;Martin
                b@exemple.fr;Bob;<b>Gras</b>
                c@exemple.fr;Carole;Dupont
                """, "k");
        JsonNode rows = report.get("rows");
        assertEquals("rejected", rows.get(0).get("status").asText());
        assertEquals("firstName", rows.get(0).get("field").asText());
        assertTrue(rows.get(0).get("reason").asText().contains("name"), rows.get(0).toString());
        assertEquals("rejected", rows.get(1).get("status").asText());
        assertEquals("lastName", rows.get(1).get("field").asText());
        assertEquals("accepted", rows.get(2).get("status").asText());
        assertEquals(1, core.store.contacts.get("06").size());
    }
}
