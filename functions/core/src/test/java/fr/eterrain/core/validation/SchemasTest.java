package fr.eterrain.core.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import org.junit.jupiter.api.Test;

class SchemasTest {
    private static final String VALID = """
            {"email":"a@b.fr","category":"curieux","consent":{"newsletter":true,"audienceMeasurement":false,"wordingVersion":"2026-11"}}
            """;

    private ApiException refusal(String json) {
        return assertThrows(ApiException.class, () -> Schemas.validate("signup-request", Json.parse(json)));
    }

    @Test
    void aValidSignupPasses() {
        assertDoesNotThrow(() -> Schemas.validate("signup-request", Json.parse(VALID)));
    }

    @Test
    void refusalsNameTheField() {
        assertEquals("category", refusal(VALID.replace("curieux", "adherent")).field());
        assertEquals("consent.newsletter", refusal(VALID.replace("\"newsletter\":true", "\"newsletter\":false")).field());
        assertEquals("email", refusal(VALID.replace("\"a@b.fr\"", "42")).field());
        assertEquals("admin", refusal(VALID.replace("{\"email\"", "{\"admin\":true,\"email\"")).field());
        assertEquals("consent", refusal("{\"email\":\"a@b.fr\",\"category\":\"curieux\"}").field());
        assertEquals(400, refusal("[]").status());
    }

    @Test
    void everySchemaInTheContractCompiles() {
        for (String name : new String[] {"signup-request", "contact-patch", "api-key-request", "federation-patch",
                "events/ConfirmationRequested", "events/RetentionRun"}) {
            assertDoesNotThrow(() -> Schemas.schema(name), name);
        }
    }

    @Test
    void arrayItemsAreNamedAsInTheContract() {
        ApiException e = assertThrows(ApiException.class, () -> Schemas.validate("contact-patch",
                Json.parse("{\"tags\":[\"ok\",\"a|b\"]}")));
        assertEquals("tags[1]", e.field());
    }

    @Test
    void namesAndSubjectsAreOneLineOfTextInTheContract() {
        assertEquals("firstName", refusal(VALID.replace("{\"email\"", "{\"firstName\":\"[carte](https://x.fr)\",\"email\"")).field());
        assertEquals("lastName", refusal(VALID.replace("{\"email\"", "{\"lastName\":\"Dupont\\nBcc\",\"email\"")).field());
        assertDoesNotThrow(() -> Schemas.validate("signup-request",
                Json.parse(VALID.replace("{\"email\"", "{\"firstName\":\"Marie-Hélène\",\"lastName\":\"N’Diaye\",\"email\""))));
        ApiException subject = assertThrows(ApiException.class, () -> Schemas.validate("newsletter-draft",
                Json.parse("{\"subject\":\"Bonjour\\r\\nBcc: x@y.fr\",\"blocks\":[{\"type\":\"heading\",\"text\":\"x\"}]}")));
        assertEquals("subject", subject.field());
        for (String schema : new String[] {"signup-request", "contact-patch"}) {
            for (String field : new String[] {"firstName", "lastName"}) {
                assertEquals(fr.eterrain.core.contacts.PersonNames.PATTERN,
                        Json.resource("eterrain/schemas/" + schema + ".json").at("/properties/" + field + "/pattern").asText(),
                        "the schema and the core refuse the same names: " + schema + " " + field);
            }
        }
    }
}
