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
}
