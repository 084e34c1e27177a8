package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import fr.eterrain.core.wiring.Wiring.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable table = new RouteTable(List.of(
            new Route("GET", "/v1/federations", "federations", "public"),
            new Route("GET", "/v1/federations/{fed}", "federations", "public"),
            new Route("PATCH", "/v1/federations/{fed}", "federations", "hq"),
            new Route("GET", "/v1/federations/{fed}/contacts/{id}", "contacts", "federation"),
            new Route("DELETE", "/v1/federations/{fed}/contacts/{id}", "contacts", "federation"),
            new Route("POST", "/v1/federations/{fed}/contacts/import", "contacts", "federation"),
            new Route("GET", "/v1/federations/{fed}/contacts/import", "literal", "federation"),
            new Route("GET", "/files/{path+}", "files", "public")));

    private RouteTable.Found found(String method, String path) {
        return assertInstanceOf(RouteTable.Found.class, table.match(method, path));
    }

    @Test
    void literalSegmentsBeatParameters() {
        assertEquals("literal", found("GET", "/v1/federations/06/contacts/import").route().function());
        RouteTable.Found byId = found("GET", "/v1/federations/06/contacts/c123");
        assertEquals("/v1/federations/{fed}/contacts/{id}", byId.route().path());
        assertEquals(Map.of("fed", "06", "id", "c123"), byId.pathParameters());
    }

    @Test
    void literalRouteWinsOnlyForItsMethod() {
        // POST import is literal; DELETE on the same path falls back to the {id} route, as API Gateway does.
        assertEquals("POST /v1/federations/{fed}/contacts/import",
                found("POST", "/v1/federations/06/contacts/import").route().routeKey());
        assertEquals(Map.of("fed", "06", "id", "import"),
                found("DELETE", "/v1/federations/06/contacts/import").pathParameters());
    }

    @Test
    void pathParametersAreDecoded() {
        assertEquals("a b+c/d", found("GET", "/v1/federations/a%20b+c%2Fd").pathParameters().get("fed"));
    }

    @Test
    void greedyParameterTakesTheRest() {
        assertEquals(Map.of("path", "a/b/c.txt"), found("GET", "/files/a/b/c.txt").pathParameters());
        assertInstanceOf(RouteTable.NotFound.class, table.match("GET", "/files"));
    }

    @Test
    void unknownPathIsNotFound() {
        assertInstanceOf(RouteTable.NotFound.class, table.match("GET", "/v2/federations"));
        assertInstanceOf(RouteTable.NotFound.class, table.match("GET", "/v1/federations/06/unknown"));
        assertInstanceOf(RouteTable.NotFound.class, table.match("GET", "/"));
    }

    @Test
    void knownPathWithOtherMethodIsNotAllowed() {
        RouteTable.MethodNotAllowed notAllowed =
                assertInstanceOf(RouteTable.MethodNotAllowed.class, table.match("PUT", "/v1/federations/06"));
        assertEquals(List.of("GET", "PATCH"), notAllowed.allowed());
    }

    @Test
    void methodIsCaseInsensitiveAndTrailingSlashIgnored() {
        assertEquals("/v1/federations", found("get", "/v1/federations/").route().path());
    }
}
