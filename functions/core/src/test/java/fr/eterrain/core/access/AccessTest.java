package fr.eterrain.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.Fakes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock(java.time.Instant.parse("2026-11-24T10:00:00Z"));
    private final ApiKeys keys = new ApiKeys(new Fakes.Keys(), clock);
    private final Fakes.Audit audit = new Fakes.Audit();
    private final Access access = new Access(keys, new Fakes.Federations(), audit, new fr.eterrain.core.security.KeyedHash(fr.eterrain.core.testing.TestCore.key("h")), clock);

    private static HttpRequest request(String fed, String bearer) {
        return HttpRequest.fromEvent(Json.parse("""
                {"routeKey":"GET /v1/federations/{fed}/contacts","headers":{"authorization":"%s"},
                 "pathParameters":{"fed":"%s"},"requestContext":{"requestId":"r","http":{"method":"GET","path":"/x"}}}
                """.formatted(bearer == null ? "" : "Bearer " + bearer, fed)));
    }

    @Test
    void aFederationKeyReachesOnlyItsFederation() {
        String key06 = keys.issue("06", "test", "t").secret();
        Caller caller = access.authenticate(request("06", key06));
        assertEquals("06", access.federation(request("06", key06), caller).id());
        assertEquals(403, assertThrows(ApiException.class, () -> access.federation(request("13", key06), caller)).status());
        assertEquals(404, assertThrows(ApiException.class, () -> access.federation(request("99", key06), caller)).status());
    }

    @Test
    void hqReachesAllAndIsAudited() {
        String hq = keys.issue(Caller.HQ, "hq", "t").secret();
        Caller caller = access.authenticate(request("13", hq));
        var fed = access.federation(request("13", hq), caller);
        access.audit(fed, caller, request("13", hq), "c1");
        assertEquals("hq", audit.entries.get(0).role());
        assertEquals("GET /v1/federations/{fed}/contacts", audit.entries.get(0).action());
    }

    @Test
    void missingForgedAndRevokedKeysAreRefused() {
        ApiKeys.IssuedKey issued = keys.issue("06", "test", "t");
        assertEquals(401, assertThrows(ApiException.class, () -> access.authenticate(request("06", null))).status());
        assertEquals(401, assertThrows(ApiException.class, () -> access.authenticate(request("06", issued.secret() + "x"))).status());
        assertEquals(401, assertThrows(ApiException.class, () -> access.authenticate(request("06", "et_" + issued.keyId() + "_forged"))).status());
        keys.store().revoke(issued.keyId(), clock.instant());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(401, assertThrows(ApiException.class, () -> access.authenticate(request("06", issued.secret()))).status());
    }
}
