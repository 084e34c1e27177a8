package fr.eterrain.core.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.openapi.OpenApiContract.Exchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the contract tests catch, on hand-made exchanges against the real document. */
class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.of(
            OpenApiGenerator.render(OpenApiGenerator.generate(OpenApiGenerator.read(OpenApiGenerator.root()))));
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final String FEDERATION = """
            {"id":"06","name":"Alpes-Maritimes","displayName":"Fédération Alpes-Maritimes (06)",
             "senderAddress":"federation-06@mail.example.org","signupUrl":"http://localhost:3000/v1/federations/06/signups",
             "signupFormUrl":"http://localhost:3000/v1/federations/06/signup-form"}""";
    private static final String REFUSAL = "{\"code\":\"invalid_required\",\"message\":\"required property 'email' not found\",\"field\":\"email\"}";

    private static Exchange get(String path, Map<String, String> pathParameters, Map<String, String> query, int status,
                                Map<String, String> headers, String body) {
        return new Exchange("GET", path, pathParameters, query, null, null, status, headers, body);
    }

    private static Exchange signup(String body, int status, String answer) {
        return new Exchange("POST", "/v1/federations/{fed}/signups", Map.of("fed", "06"), Map.of(), "application/json; charset=utf-8",
                body, status, JSON, answer);
    }

    @Test
    void anAnswerAsDocumentedPasses() {
        assertEquals(List.of(), CONTRACT.check(get("/v1/federations/{fed}", Map.of("fed", "06"), Map.of(), 200, JSON, FEDERATION)));
        assertEquals(List.of(), CONTRACT.check(get("/v1/federations/{fed}", Map.of("fed", "XX"), Map.of(), 404, JSON,
                "{\"code\":\"not_found\",\"message\":\"Unknown federation: XX.\",\"field\":null}")));
    }

    @Test
    void anUndeclaredStatusFails() {
        List<String> problems = CONTRACT.check(get("/v1/federations", Map.of(), Map.of(), 418, JSON, "{}"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("GET /v1/federations → 418: status not declared (declared: 200, 500)"), problems.get(0));
    }

    @Test
    void aBodyThatDiffersFromItsSchemaFails() {
        String missing = FEDERATION.replace("\"name\":\"Alpes-Maritimes\",", "");
        String extra = FEDERATION.replace("{\"id\"", "{\"secret\":\"x\",\"id\"");
        String badFormat = FEDERATION.replace("\"signupUrl\":\"http://localhost:3000/v1/federations/06/signups\"", "\"signupUrl\":\"pas une url\"");
        for (String body : List.of(missing, extra, badFormat, "[]", "not json")) {
            List<String> problems = CONTRACT.check(get("/v1/federations/{fed}", Map.of("fed", "06"), Map.of(), 200, JSON, body));
            assertEquals(1, problems.size(), body + " → " + problems);
        }
    }

    @Test
    void anotherMediaTypeThanDeclaredFails() {
        List<String> problems = CONTRACT.check(get("/v1/federations/{fed}", Map.of("fed", "06"), Map.of(), 200,
                Map.of("content-type", "text/html; charset=utf-8"), "<p>hi</p>"));
        assertTrue(problems.get(0).contains("media type text/html not declared"), problems.toString());
    }

    @Test
    void aRequestTheDocumentRefusesMustBeRefused() {
        String valid = "{\"email\":\"a@example.org\",\"category\":\"curieux\",\"consent\":{\"newsletter\":true,"
                + "\"audienceMeasurement\":false,\"wordingVersion\":\"2026-11\"}}";
        String accepted = "{\"status\":\"accepted\",\"message\":\"Merci !\"}";
        assertEquals(List.of(), CONTRACT.check(signup(valid, 202, accepted)));
        assertEquals(List.of(), CONTRACT.check(signup("{}", 400, REFUSAL)), "refused with a declared 4xx: the point of a bad request");
        List<String> problems = CONTRACT.check(signup("{}", 202, accepted));
        assertTrue(problems.get(0).contains("the request breaks the document") && problems.get(0).contains("yet it was not refused"),
                problems.toString());
    }

    @Test
    void queryParametersAreCheckedAsTheirDeclaredTypes() {
        String page = "{\"contacts\":[],\"nextCursor\":null}";
        Map<String, String> fed = Map.of("fed", "06");
        assertEquals(List.of(), CONTRACT.check(get("/v1/federations/{fed}/contacts", fed, Map.of("limit", "20"), 200, JSON, page)));
        assertEquals(List.of(), CONTRACT.check(get("/v1/federations/{fed}/contacts", fed, Map.of("limit", "500"), 400, JSON, REFUSAL)));
        assertEquals(1, CONTRACT.check(get("/v1/federations/{fed}/contacts", fed, Map.of("limit", "500"), 200, JSON, page)).size());
        assertEquals(1, CONTRACT.check(get("/v1/federations/{fed}/contacts", fed, Map.of("limit", "vingt"), 200, JSON, page)).size());
    }

    @Test
    void aRedirectNeedsItsLocation() {
        Map<String, String> token = Map.of("token", "abc");
        Map<String, String> plain = Map.of("content-type", "text/plain; charset=utf-8");
        assertEquals(List.of(), CONTRACT.check(get("/v1/c/{token}", token, Map.of(), 302,
                Map.of("content-type", "text/plain; charset=utf-8", "location", "https://exemple.fr/"), "")));
        List<String> problems = CONTRACT.check(get("/v1/c/{token}", token, Map.of(), 302, plain, ""));
        assertTrue(problems.get(0).contains("header location is missing"), problems.toString());
    }

    @Test
    void anUnknownOperationFails() {
        assertTrue(CONTRACT.check(get("/v1/nowhere", Map.of(), Map.of(), 200, JSON, "{}")).get(0).contains("no such operation"));
    }
}
