package fr.eterrain.contents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.testing.ContentKit;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.TestCore;
import org.junit.jupiter.api.Test;

class ContentsFunctionTest {
    private final ContentKit kit = new ContentKit();
    private final ApiKeys keys = new ApiKeys(new Fakes.Keys(), kit.clock);
    private final Fakes.Audit audit = new Fakes.Audit();
    private final ContentsFunction function = new ContentsFunction(
            new Access(keys, kit.federations, audit, new KeyedHash(TestCore.key("h")), kit.clock), kit.federations,
            kit.submissions, kit.store, kit.store, kit.moderation, kit.engagements, kit.selections, kit.links);
    private final String key06 = keys.issue("06", "t", "t").secret();
    private final String key13 = keys.issue("13", "t", "t").secret();

    private HttpResponse call(String method, String route, String path, String fed, String id, String key, String body) {
        ObjectNode event = Json.object();
        event.put("routeKey", method + " " + route);
        event.putObject("headers").put("authorization", "Bearer " + key).put("content-type", "application/json");
        ObjectNode params = event.putObject("pathParameters");
        if (fed != null) {
            params.put("fed", fed);
        }
        if (id != null) {
            params.put("id", id);
        }
        if (body != null) {
            event.put("body", body);
        }
        event.putObject("requestContext").put("requestId", "r").putObject("http").put("method", method).put("path", path);
        return function.handleEvent(event, "test");
    }

    private static String createBody(String rights) {
        return """
                {"title":"Affiche","kind":"graphic","credits":"Fédération 06",%s
                 "file":{"name":"a.png","contentType":"image/png","size":5120,"sha256":"%s"}}
                """.formatted(rights, "ab".repeat(32));
    }

    @Test
    void aSubmissionAnswersWithItsPresignedUpload() {
        HttpResponse created = call("POST", "/v1/federations/{fed}/contents", "/v1/federations/06/contents", "06", null, key06,
                createBody("\"rights\":{\"holder\":\"Fédération 06\",\"license\":\"own-work\",\"confirmed\":true},"));
        assertEquals(201, created.status(), created.body());
        JsonNode body = Json.parse(created.body());
        assertEquals("awaiting_upload", body.at("/content/status").asText());
        assertEquals("PUT", body.at("/upload/method").asText());
        assertEquals("image/png", body.at("/upload/headers/content-type").asText());
        assertTrue(created.headers().get("location").endsWith(body.at("/content/id").asText()));
        assertEquals(1, audit.entries.size());
    }

    @Test
    void missingRightsAWrongTypeAndAForeignModeratorAreClear4xxThatChangeNothing() {
        HttpResponse noRights = call("POST", "/v1/federations/{fed}/contents", "/v1/federations/06/contents", "06", null, key06,
                createBody(""));
        assertEquals(400, noRights.status());
        assertEquals("rights", Json.parse(noRights.body()).get("field").asText());
        HttpResponse notConfirmed = call("POST", "/v1/federations/{fed}/contents", "/v1/federations/06/contents", "06", null, key06,
                createBody("\"rights\":{\"holder\":\"x\",\"license\":\"own-work\",\"confirmed\":false},"));
        assertEquals("rights.confirmed", Json.parse(notConfirmed.body()).get("field").asText());
        HttpResponse wrongType = call("POST", "/v1/federations/{fed}/contents", "/v1/federations/06/contents", "06", null, key06,
                createBody("\"rights\":{\"holder\":\"x\",\"license\":\"own-work\",\"confirmed\":true},").replace("image/png", "application/zip"));
        assertEquals(415, wrongType.status());
        assertTrue(kit.store.contents.isEmpty());

        var content = kit.submitted("06");
        HttpResponse foreign = call("POST", "/v1/federations/{fed}/contents/{id}/decisions",
                "/v1/federations/06/contents/" + content.id() + "/decisions", "06", content.id(), key13, "{\"decision\":\"approve\"}");
        assertEquals(403, foreign.status());
        HttpResponse noReason = call("POST", "/v1/federations/{fed}/contents/{id}/decisions",
                "/v1/federations/06/contents/" + content.id() + "/decisions", "06", content.id(), key06, "{\"decision\":\"reject\"}");
        assertEquals(400, noReason.status());
        assertEquals("reason", Json.parse(noReason.body()).get("field").asText());
        assertTrue(kit.store.decisions("06", content.id()).isEmpty());
    }

    @Test
    void otherFederationsSeeOnlyApprovedContentsWithoutTheProposer() {
        var submitted = kit.submitted("06");
        var approved = kit.approved("06");
        HttpResponse list = call("GET", "/v1/contents", "/v1/contents", null, null, key13, null);
        JsonNode contents = Json.parse(list.body()).get("contents");
        assertEquals(1, contents.size());
        assertEquals(approved.id(), contents.get(0).get("id").asText());
        assertTrue(contents.get(0).get("proposer") == null);
        assertEquals(404, call("GET", "/v1/contents/{fed}/{id}", "/v1/contents/06/" + submitted.id(), "06", submitted.id(), key13,
                null).status());
        HttpResponse one = call("GET", "/v1/contents/{fed}/{id}", "/v1/contents/06/" + approved.id(), "06", approved.id(), key13, null);
        assertEquals(200, one.status());
        assertTrue(Json.parse(one.body()).at("/download/url").asText().startsWith("mem://get/contents/06/"));
        HttpResponse relay = call("POST", "/v1/federations/{fed}/engagements", "/v1/federations/13/engagements", "13", null, key13,
                "{\"content\":{\"federation\":\"06\",\"id\":\"" + approved.id() + "\"},\"type\":\"relay\"}");
        assertEquals(201, relay.status(), relay.body());
        assertEquals(1, Json.parse(relay.body()).at("/content/engagement/relays").asInt());
        assertEquals(200, call("POST", "/v1/federations/{fed}/engagements", "/v1/federations/13/engagements", "13", null, key13,
                "{\"content\":{\"federation\":\"06\",\"id\":\"" + approved.id() + "\"},\"type\":\"relay\"}").status(), "counted once");
    }

    /** The approved library's since and until become an index range: an empty or inverted one, or instants java.time
     * cannot shift, are refused with the parameter named (DynamoDB refused the query, or Instant overflowed: 500s). */
    @Test
    void aLibraryRangeThatCannotBeQueriedIsRefusedWithItsParameter() {
        java.util.function.BiFunction<String, String, HttpResponse> library = (since, until) -> {
            ObjectNode event = Json.object();
            event.put("routeKey", "GET /v1/contents");
            event.putObject("headers").put("authorization", "Bearer " + key06);
            ObjectNode query = event.putObject("queryStringParameters");
            if (since != null) {
                query.put("since", since);
            }
            if (until != null) {
                query.put("until", until);
            }
            event.putObject("requestContext").put("requestId", "r").putObject("http").put("method", "GET").put("path", "/v1/contents");
            return function.handleEvent(event, "test");
        };
        assertEquals(200, library.apply("2026-11-01", "2026-12-01").status());
        HttpResponse same = library.apply("2026-12-31", "2026-12-31");
        assertEquals(400, same.status());
        assertEquals("until", Json.parse(same.body()).get("field").asText());
        assertEquals(400, library.apply("2026-12-31T23:59:59Z", "2026-12-31").status());
        for (String extreme : new String[] {"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            HttpResponse since = library.apply(extreme, null);
            assertEquals(400, since.status(), extreme);
            assertEquals("invalid_since", Json.parse(since.body()).get("code").asText());
            assertEquals("invalid_until", Json.parse(library.apply(null, extreme).body()).get("code").asText());
        }
    }

    @Test
    void onlyHqPutsAContentInTheNationalLibraryAndReviewsTheQueue() {
        String hq = keys.issue("HQ", "t", "t").secret();
        var c = kit.submitted("06");
        HttpResponse own = call("POST", "/v1/federations/{fed}/contents/{id}/decisions",
                "/v1/federations/06/contents/" + c.id() + "/decisions", "06", c.id(), key06, "{\"decision\":\"approve\"}");
        assertEquals(200, own.status(), own.body());
        assertEquals("pending", Json.parse(own.body()).at("/national/status").asText());
        assertEquals(404, call("GET", "/v1/contents/{fed}/{id}", "/v1/contents/06/" + c.id(), "06", c.id(), key13, null).status(),
                "a federation's approval is not the national library");

        HttpResponse queueByFederation = call("GET", "/v1/contents/review", "/v1/contents/review", null, null, key06, null);
        assertEquals(403, queueByFederation.status());
        HttpResponse queue = call("GET", "/v1/contents/review", "/v1/contents/review", null, null, hq, null);
        assertEquals(200, queue.status(), queue.body());
        assertEquals(c.id(), Json.parse(queue.body()).at("/contents/0/id").asText());

        String path = "/v1/contents/06/" + c.id() + "/decisions";
        HttpResponse byFederation = call("POST", "/v1/contents/{fed}/{id}/decisions", path, "06", c.id(), key06,
                "{\"decision\":\"approve\"}");
        assertEquals(403, byFederation.status());
        HttpResponse byHq = call("POST", "/v1/contents/{fed}/{id}/decisions", path, "06", c.id(), hq,
                "{\"decision\":\"approve\",\"reason\":\"Pour tout le réseau\"}");
        assertEquals(200, byHq.status(), byHq.body());
        JsonNode decided = Json.parse(byHq.body());
        assertEquals("approved", decided.at("/national/status").asText());
        assertEquals("national", decided.at("/decisions/1/level").asText());
        assertEquals(200, call("GET", "/v1/contents/{fed}/{id}", "/v1/contents/06/" + c.id(), "06", c.id(), key13, null).status());
        assertTrue(Json.parse(call("GET", "/v1/contents/review", "/v1/contents/review", null, null, hq, null).body())
                .get("contents").isEmpty());
        assertEquals(400, call("POST", "/v1/contents/{fed}/{id}/decisions", path, "06", c.id(), hq,
                "{\"decision\":\"reject\"}").status(), "a refusal needs a reason");
    }

    @Test
    void aFederationsOwnRelayIsRefusedAndLikesBeyondItsLimitAreNotCounted() {
        var c = kit.approved("06");
        String ref = "{\"content\":{\"federation\":\"06\",\"id\":\"" + c.id() + "\"},";
        HttpResponse ownRelay = call("POST", "/v1/federations/{fed}/engagements", "/v1/federations/06/engagements", "06", null,
                key06, ref + "\"type\":\"relay\"}");
        assertEquals(403, ownRelay.status());
        assertEquals("own_content", Json.parse(ownRelay.body()).get("code").asText());
        for (int i = 0; i < 3; i++) {
            assertEquals(201, call("POST", "/v1/federations/{fed}/engagements", "/v1/federations/13/engagements", "13", null, key13,
                    ref + "\"type\":\"like\",\"person\":\"p" + i + "\"}").status());
        }
        HttpResponse fourth = call("POST", "/v1/federations/{fed}/engagements", "/v1/federations/13/engagements", "13", null,
                key13, ref + "\"type\":\"like\",\"person\":\"p9\"}");
        assertEquals(200, fourth.status());
        assertEquals("federation_limit", Json.parse(fourth.body()).get("reason").asText());
        assertEquals(3, Json.parse(fourth.body()).at("/content/engagement/likes").asInt());
    }

    @Test
    void anApprovedContentHasAPublicPageWithItsTextEscapedAndAnythingElseA404Page() {
        var submitted = kit.submitted("06");
        var approved = kit.approvedByFederation("06");
        HttpResponse page = call("GET", "/v1/contents/{fed}/{id}/page", "/v1/contents/06/" + approved.id() + "/page", "06",
                approved.id(), "none", null);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.headers().get("content-type").startsWith("text/html"));
        assertTrue(page.body().contains(approved.title()), page.body());
        assertTrue(page.body().contains("mem://get/contents/06/"), "a download link");
        assertTrue(!page.body().contains("Marie"), "the proposer is never named");
        HttpResponse notYet = call("GET", "/v1/contents/{fed}/{id}/page", "/v1/contents/06/" + submitted.id() + "/page", "06",
                submitted.id(), "none", null);
        assertEquals(404, notYet.status());
        assertTrue(notYet.headers().get("content-type").startsWith("text/html"));
        assertEquals(404, call("GET", "/v1/contents/{fed}/{id}/page", "/v1/contents/99/x/page", "99", "x", "none", null).status());
    }
}
