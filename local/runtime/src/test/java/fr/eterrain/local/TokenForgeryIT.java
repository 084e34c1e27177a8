package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.security.Secrets;
import fr.eterrain.core.security.TokenCodec;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.tracking.TrackingToken;
import fr.eterrain.core.tracking.TrackingTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The public links' tokens, attacked over HTTP: thousands of variants of real pixel, redirect, confirmation and
 * unsubscribe tokens (one flipped bit, a changed, missing or extra character, truncated, re-signed with another key
 * under the real key id or with an unknown one, another federation's payload under this MAC, a link index past the
 * newsletter's links, another newsletter, the wrong kind or purpose, expired), and random ones. None is ever accepted:
 * the pixel is still the GIF, the redirect a 404 without Location, the pages refuse; and nothing moves: statistics
 * item, per-person markers, the pending contact still pending, the subscribed ones still subscribed, consent logs as
 * they were. Then the genuine tokens do work, so the same checks would have seen an accepted forgery.
 */
@Tag("reliability")
class TokenForgeryIT {
    private static final String FED = "35";
    private static final String OTHER_FED = "36";
    private static final String LINK0 = "https://exemple.fr/programme-35";
    private static final String LINK1 = "https://exemple.fr/agir-35?x=1";
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);
    private final TableLayout layout = new TableLayout(stack.settings().tablePrefix());
    private final TrackingTokens tracking = new TrackingTokens(Secrets.tokenKeys(stack.settings()));
    private final TokenCodec codec = new TokenCodec(Secrets.tokenKeys(stack.settings()), Clock.systemUTC());
    private final String kid = Secrets.tokenKeys(stack.settings()).keySet().iterator().next();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(35);

    /** One forged request and what it must get. */
    record Attempt(String method, String url, String body, Function<HttpResponse<byte[]>, String> check) {
    }

    @Test
    void noForgedTokenIsEverAcceptedAndNothingMoves() throws Exception {
        // A newsletter to Alice (consenting) and Bob (not); Paul signed up and has not confirmed; Olga elsewhere.
        String alice = TestStack.uniqueEmail("alice35");
        String bob = TestStack.uniqueEmail("bob35");
        Map<String, Boolean> people = new LinkedHashMap<>();
        people.put(alice, true);
        people.put(bob, false);
        String subject = "Lettre forgée " + alice.substring(8, 16);
        Sends.Sent sent = new Sends(stack).send(FED, people, subject, LINK0, LINK1);
        String nl = sent.newsletterId();
        String aliceId = sent.recipients().get(alice);
        String bobId = sent.recipients().get(bob);
        for (String id : List.of(aliceId, bobId)) {
            deliveredAnHourAgo(nl, id);
        }
        JsonNode store = stack.sentEmails();
        JsonNode aliceMail = mail(store, alice, subject);
        JsonNode bobMail = mail(store, bob, subject);
        String paul = TestStack.uniqueEmail("paul35");
        assertEquals(202, contacts.signup(FED, paul, true).statusCode());
        String paulConfirm = Emails.link(stack.awaitEmailTo(paul), "/v1/confirm");
        String paulId = contacts.contactId(FED, paul);
        String olga = TestStack.uniqueEmail("olga35");
        String olgaId = contacts.confirmedContact(OTHER_FED, olga, true);
        String olgaUnsubscribe = query(Emails.link(stack.awaitEmailTo(olga), "/v1/unsubscribe"), "t");

        String alicePixel = token(Emails.link(aliceMail, "/v1/o/"));
        String bobPixel = token(new TrackingLinks(stack.apiUrl(), tracking).pixel(FED, nl, bobId));
        List<String> clicks = new ArrayList<>();
        for (JsonNode m : List.of(aliceMail, bobMail)) {
            Emails.links(m).stream().filter(l -> l.contains("/v1/c/")).forEach(l -> clicks.add(token(l)));
        }
        assertEquals(4, clicks.size());
        String bobUnsubscribeUrl = Emails.links(bobMail).stream()
                .filter(l -> l.contains("/v1/unsubscribe") && l.contains("&n=" + nl)).findFirst().orElseThrow();
        String bobUnsubscribe = query(bobUnsubscribeUrl, "t");
        String paulToken = query(paulConfirm, "t");

        // --- the attempts -----------------------------------------------------------------------------------
        List<Attempt> attempts = new ArrayList<>();
        for (String pixel : List.of(alicePixel, bobPixel)) {
            for (String forged : trackingForgeries(pixel, nl, TrackingToken.PIXEL)) {
                String method = random.nextBoolean() ? "GET" : "HEAD";
                attempts.add(new Attempt(method, stack.apiUrl() + "/v1/o/" + forged, null, r -> pixelAnswer(r, method)));
            }
        }
        for (String click : clicks) {
            for (String forged : trackingForgeries(click, nl, tracking.verify(click).orElseThrow().linkIndex())) {
                String method = random.nextInt(4) == 0 ? "HEAD" : "GET";
                attempts.add(new Attempt(method, stack.apiUrl() + "/v1/c/" + forged, null, TokenForgeryIT::refusedRedirect));
            }
        }
        for (int i = 0; i < 150; i++) {
            String junk = randomToken();
            attempts.add(new Attempt("GET", stack.apiUrl() + "/v1/o/" + junk, null, r -> pixelAnswer(r, "GET")));
            attempts.add(new Attempt("GET", stack.apiUrl() + "/v1/c/" + junk, null, TokenForgeryIT::refusedRedirect));
        }
        for (String forged : codecForgeries(paulToken, Links.CONFIRM, olgaUnsubscribe, bobUnsubscribe)) {
            // The link's page and its button: a forged token is refused by both, and only the button could confirm.
            attempts.add(random.nextBoolean()
                    ? new Attempt("GET", stack.apiUrl() + "/v1/confirm?t=" + enc(forged), null, TokenForgeryIT::refusedConfirmation)
                    : new Attempt("POST", stack.apiUrl() + "/v1/confirm?t=" + enc(forged), "", TokenForgeryIT::refusedConfirmation));
        }
        for (String forged : codecForgeries(bobUnsubscribe, Links.UNSUBSCRIBE, olgaUnsubscribe, paulToken)) {
            String url = stack.apiUrl() + "/v1/unsubscribe?t=" + enc(forged) + (random.nextInt(3) == 0 ? "&scope=audience" : "")
                    + "&n=" + nl;
            attempts.add(random.nextInt(3) == 0 ? new Attempt("GET", url, null, TokenForgeryIT::refusedUnsubscribePage)
                    : new Attempt("POST", url, "List-Unsubscribe=One-Click", TokenForgeryIT::refusedUnsubscribe));
        }
        Collections.shuffle(attempts, random);

        Map<String, AttributeValue> statsBefore = item(FED, NewsletterKeys.pk(nl), StatsKeys.STATS);
        Map<String, List<String>> partitionsBefore = partitions(aliceId, bobId, paulId);
        JsonNode bobBefore = export(FED, bobId);
        JsonNode aliceBefore = export(FED, aliceId);
        JsonNode paulBefore = export(FED, paulId);
        JsonNode olgaBefore = export(OTHER_FED, olgaId);
        int paulEmails = stack.emailsTo(paul).size();

        long start = System.nanoTime();
        List<String> failures = run(attempts);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("TokenForgeryIT: %d forged or random tokens tried in %d ms%n", attempts.size(), millis);
        assertEquals(List.of(), failures, failures.size() + " of " + attempts.size() + " attempts were not refused as they should");
        assertTrue(attempts.size() >= 2000, "thousands of attempts: " + attempts.size());

        // Nothing moved.
        assertEquals(statsBefore, item(FED, NewsletterKeys.pk(nl), StatsKeys.STATS), "the statistics item");
        assertEquals(partitionsBefore, partitions(aliceId, bobId, paulId), "per-person items");
        stack.awaitEvents();
        assertEquals(stable(bobBefore), stable(export(FED, bobId)), "Bob, still subscribed");
        assertEquals(stable(aliceBefore), stable(export(FED, aliceId)), "Alice, still measured");
        assertEquals(stable(paulBefore), stable(export(FED, paulId)), "Paul, still pending");
        assertEquals(stable(olgaBefore), stable(export(OTHER_FED, olgaId)), "Olga, in another federation");
        assertEquals("pending", export(FED, paulId).at("/contact/status").asText());
        assertEquals(paulEmails, stack.emailsTo(paul).size(), "no welcome email for Paul");

        // The genuine tokens work, and the same checks see them.
        HttpResponse<byte[]> open = send(new Attempt("GET", stack.apiUrl() + "/v1/o/" + alicePixel, null, null));
        assertEquals(null, pixelAnswer(open, "GET"));
        HttpResponse<byte[]> click = send(new Attempt("GET", stack.apiUrl() + "/v1/c/" + clicks.get(1), null, null));
        assertEquals(302, click.statusCode());
        assertEquals(LINK1, click.headers().firstValue("location").orElseThrow());
        assertTrue(refusedRedirect(click) != null, "the check refuses a real redirect");
        HttpResponse<byte[]> page = send(new Attempt("GET", paulConfirm, null, null));
        assertEquals(200, page.statusCode());
        assertEquals("pending", export(FED, paulId).at("/contact/status").asText(), "the page alone confirms nothing");
        HttpResponse<byte[]> pressed = send(new Attempt("POST", paulConfirm, "", null));
        assertTrue(refusedConfirmation(pressed) != null, "the check refuses a real confirmation");
        assertEquals("active", export(FED, paulId).at("/contact/status").asText());
        HttpResponse<byte[]> unsubscribed = send(new Attempt("POST", bobUnsubscribeUrl, "List-Unsubscribe=One-Click", null));
        assertTrue(refusedUnsubscribe(unsubscribed) != null, "the check refuses a real unsubscribe");
        assertEquals("unsubscribed", export(FED, bobId).at("/contact/status").asText());
        Map<String, AttributeValue> after = item(FED, NewsletterKeys.pk(nl), StatsKeys.STATS);
        assertEquals("1", after.get(StatsKeys.OPENS).n());
        assertEquals("1", after.get(StatsKeys.UNSUBSCRIBES).n());
        assertEquals(List.of(StatsKeys.clickMarker(nl), StatsKeys.linkMarker(nl, 1), StatsKeys.openMarker(nl)),
                partitions(aliceId).get(aliceId).stream().filter(s -> s.startsWith(StatsKeys.MARKER_PREFIX)).toList());
    }

    // --- forging -------------------------------------------------------------------------------------------

    /** Variants of a real tracking token, each checked here to verify only if it names something that does not exist. */
    private List<String> trackingForgeries(String genuine, String nl, int index) {
        TrackingToken real = tracking.verify(genuine).orElseThrow();
        List<String> forged = new ArrayList<>(characterMutations(genuine, 160));
        byte[] bytes = Base64.getUrlDecoder().decode(genuine);
        for (int i = 0; i < 60; i++) {
            byte[] copy = bytes.clone();
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(copy));
        }
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        for (TrackingTokens signer : List.of(new TrackingTokens(Map.of(kid, otherKey)), new TrackingTokens(Map.of("k9", otherKey)))) {
            forged.add(signer.issue(real));
            forged.add(signer.issue(new TrackingToken(FED, nl, real.contactId(), index == TrackingToken.PIXEL ? 0 : TrackingToken.PIXEL)));
        }
        // Signed with the real key, but naming what does not exist or the other kind.
        forged.add(tracking.issue(new TrackingToken(OTHER_FED, nl, real.contactId(), index)));
        forged.add(tracking.issue(new TrackingToken("999", nl, real.contactId(), index)));
        forged.add(tracking.issue(new TrackingToken(FED, "nAutreLettre" + random.nextInt(1000), real.contactId(), index)));
        forged.add(tracking.issue(new TrackingToken(FED, nl, real.contactId(), index == TrackingToken.PIXEL ? 1 : TrackingToken.PIXEL)));
        if (index != TrackingToken.PIXEL) {
            for (int past : new int[] {2, 3, 17, 254}) {
                forged.add(tracking.issue(new TrackingToken(FED, nl, real.contactId(), past)));
            }
        }
        // Another token's body under this MAC, and this body under another's.
        String other = tracking.issue(new TrackingToken(OTHER_FED, "nX", real.contactId(), index));
        forged.add(genuine.substring(0, genuine.length() - 16) + other.substring(other.length() - 16));
        for (String f : forged) {
            tracking.verify(f).ifPresent(t -> assertTrue(!t.federation().equals(FED) || !t.newsletterId().equals(nl)
                    || t.isPixel() != (index == TrackingToken.PIXEL) || t.linkIndex() >= 2, "not a forgery: " + f + " " + t));
        }
        return forged.stream().distinct().filter(f -> !f.equals(genuine)).toList();
    }

    /**
     * Variants of a real confirmation or unsubscribe token: characters, payload edited under the real MAC (another
     * federation, contact, purpose or expiry), re-signed, expired, another federation's token spliced in, the other
     * purpose's genuine token; each checked here not to verify for {@code purpose}.
     */
    private List<String> codecForgeries(String genuine, String purpose, String foreign, String otherPurpose) {
        List<String> forged = new ArrayList<>(characterMutations(genuine, 420));
        String[] parts = genuine.split("\\.");
        ObjectNode payload = (ObjectNode) Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        for (Map.Entry<String, String> edit : Map.of("f", OTHER_FED, "c", "cAutreContact1", "p",
                purpose.equals(Links.CONFIRM) ? Links.UNSUBSCRIBE : Links.CONFIRM, "n", "autreNonce").entrySet()) {
            ObjectNode copy = payload.deepCopy();
            copy.put(edit.getKey(), edit.getValue());
            forged.add(parts[0] + "." + b64(Json.write(copy)) + "." + parts[2]);
        }
        ObjectNode later = payload.deepCopy();
        later.put("e", Instant.now().plus(Duration.ofDays(3650)).getEpochSecond());
        forged.add(parts[0] + "." + b64(Json.write(later)) + "." + parts[2]);
        forged.add(parts[0] + "." + b64(Json.write(payload) + " ") + "." + parts[2]);
        forged.add("none." + parts[1] + "." + parts[2]);
        forged.add(parts[0] + "." + parts[1] + ".");
        forged.add(parts[0] + "." + parts[1]);
        forged.add(parts[1] + "." + parts[0] + "." + parts[2]);
        String[] theirs = foreign.split("\\.");
        forged.add(parts[0] + "." + theirs[1] + "." + parts[2]);
        forged.add(parts[0] + "." + parts[1] + "." + theirs[2]);
        forged.add(foreign.replace("." + theirs[1] + ".", "." + parts[1] + "."));
        forged.add(otherPurpose);
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String f = payload.path("f").asText();
        String c = payload.path("c").asText();
        String n = payload.path("n").isMissingNode() ? null : payload.path("n").asText();
        for (String signer : List.of(kid, "k9")) {
            forged.add(new TokenCodec(Map.of(signer, otherKey), Clock.systemUTC()).issue(purpose, f, c, n, Duration.ofDays(7)));
        }
        Clock lastYear = Clock.fixed(Instant.now().minus(Duration.ofDays(800)), ZoneOffset.UTC);
        forged.add(new TokenCodec(Secrets.tokenKeys(stack.settings()), lastYear).issue(purpose, f, c, n, Duration.ofDays(400)));
        for (int i = 0; i < 80; i++) {
            forged.add(random.nextBoolean() ? randomToken() : randomToken() + "." + randomToken() + "." + randomToken());
        }
        for (String token : forged) {
            assertFalse(codec.verify(token, purpose).ok(), "not a forgery: " + token);
        }
        if (purpose.equals(Links.CONFIRM)) {
            // Signed with the real key but for an older request of the same person: superseded, never a confirmation.
            forged.add(codec.issue(purpose, f, c, "ancienNonce" + random.nextInt(1000), Duration.ofDays(7)));
        }
        return forged.stream().distinct().filter(t -> !t.equals(genuine)).toList();
    }

    /** One change each: a character replaced (one of its six bits flipped, or anything), removed, added; or cut short (never empty: that is another route). */
    private List<String> characterMutations(String token, int count) {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            int at = random.nextInt(token.length());
            char ch = token.charAt(at);
            String variant = switch (random.nextInt(6)) {
                case 0, 1 -> {
                    int value = B64.indexOf(ch);
                    char flipped = value < 0 ? 'A' : B64.charAt(value ^ (1 << random.nextInt(6)));
                    yield token.substring(0, at) + flipped + token.substring(at + 1);
                }
                case 2 -> token.substring(0, at) + B64.charAt(random.nextInt(B64.length())) + token.substring(at + 1);
                case 3 -> token.substring(0, at) + token.substring(at + 1);
                case 4 -> token.substring(0, at) + B64.charAt(random.nextInt(B64.length())) + token.substring(at);
                default -> token.substring(0, 1 + random.nextInt(token.length() - 1));
            };
            if (!variant.equals(token)) {
                out.add(variant);
            }
        }
        return out;
    }

    private String randomToken() {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 80);
        for (int i = 0; i < length; i++) {
            b.append(B64.charAt(random.nextInt(B64.length())));
        }
        return b.toString();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // --- what each answer must be ----------------------------------------------------------------------------

    private static String pixelAnswer(HttpResponse<byte[]> r, String method) {
        boolean gif = r.statusCode() == 200 && r.headers().firstValue("content-type").orElse("").equals("image/gif")
                && (method.equals("HEAD") ? r.body().length == 0 : java.util.Arrays.equals(GIF, r.body()));
        return gif ? null : "pixel answered " + r.statusCode();
    }

    private static String refusedRedirect(HttpResponse<byte[]> r) {
        return r.statusCode() == 404 && r.headers().firstValue("location").isEmpty() ? null
                : "redirect answered " + r.statusCode() + " " + r.headers().firstValue("location").orElse("");
    }

    private static String refusedConfirmation(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return (r.statusCode() == 400 || r.statusCode() == 410) && !body.contains("confirmée") ? null
                : "confirmation answered " + r.statusCode();
    }

    private static String refusedUnsubscribePage(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return (r.statusCode() == 400 || r.statusCode() == 410) && !body.contains("<form") ? null
                : "unsubscribe page answered " + r.statusCode();
    }

    private static String refusedUnsubscribe(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return (r.statusCode() == 400 || r.statusCode() == 410) && !body.contains("désinscrit") && !body.contains("désactivée") ? null
                : "unsubscribe answered " + r.statusCode();
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private List<String> run(List<Attempt> attempts) throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (QuietLogs logs = QuietLogs.start()) {
            List<Future<?>> done = new ArrayList<>();
            for (Attempt a : attempts) {
                done.add(pool.submit(() -> {
                    try {
                        HttpResponse<byte[]> response = send(a);
                        String problem = response.statusCode() >= 500 ? "5xx: " + response.statusCode() : a.check().apply(response);
                        if (problem != null) {
                            failures.add(a.method() + " " + a.url() + ": " + problem);
                        }
                    } catch (RuntimeException e) {
                        failures.add(a.method() + " " + a.url() + ": " + e);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            if (logs.keptTotal() > 0) {
                failures.addAll(logs.kept().stream().filter(l -> l.contains("\"level\":\"ERROR\"")).toList());
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    private HttpResponse<byte[]> send(Attempt a) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(a.url())).timeout(Duration.ofSeconds(30))
                .header("user-agent", TrackingIT.BROWSER)
                .method(a.method(), a.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(a.body()));
        if (a.body() != null) {
            request.header("content-type", "application/x-www-form-urlencoded");
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            stack.checkContract(a.method(), built.uri(), a.body() == null ? null : "application/x-www-form-urlencoded", a.body(), response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("transport error: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode mail(JsonNode store, String address, String subject) {
        List<JsonNode> found = Emails.to(store, address).stream().filter(m -> m.path("subject").asText().equals(subject)).toList();
        assertEquals(1, found.size(), "one email to " + address);
        return found.get(0);
    }

    private JsonNode export(String fed, String contactId) {
        HttpResponse<String> response = stack.get("/v1/federations/" + fed + "/contacts/" + contactId + "/export",
                TestStack.bearer(stack.issueKey(fed)));
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body());
    }

    /** An export without the moment it was made. */
    private static JsonNode stable(JsonNode export) {
        ObjectNode copy = export.deepCopy();
        copy.remove("exportedAt");
        return copy;
    }

    private void deliveredAnHourAgo(String newsletterId, String contactId) {
        contacts.platform().clients().dynamo().updateItem(r -> r.tableName(layout.federationTable(FED))
                .key(Map.of(TableLayout.PK, AttributeValue.fromS(NewsletterKeys.pk(newsletterId)),
                        TableLayout.SK, AttributeValue.fromS(NewsletterKeys.recipient(contactId))))
                .updateExpression("SET deliveredAt = :t").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(Instant.now().minus(Duration.ofHours(1)).toString()))));
    }

    private Map<String, AttributeValue> item(String fed, String pk, String sk) {
        Map<String, AttributeValue> item = contacts.platform().clients().dynamo().getItem(r -> r.tableName(layout.federationTable(fed))
                .consistentRead(true).key(Map.of(TableLayout.PK, AttributeValue.fromS(pk), TableLayout.SK, AttributeValue.fromS(sk)))).item();
        return item == null ? Map.of() : item;
    }

    /** Every item of each contact's partition, by sort key, with its attributes. */
    private Map<String, List<String>> partitions(String... contactIds) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String id : contactIds) {
            List<String> items = new ArrayList<>();
            contacts.platform().clients().dynamo().queryPaginator(r -> r.tableName(layout.federationTable(FED)).consistentRead(true)
                            .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CONTACT#" + id))))
                    .items().forEach(i -> items.add(i.get(TableLayout.SK).s()));
            all.put(id, items);
        }
        return all;
    }
}
