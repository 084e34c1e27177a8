package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.security.Secrets;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.HitRequest;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.Traffic;
import fr.eterrain.core.tracking.TrafficClassifier;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.tracking.TrackingToken;
import fr.eterrain.core.tracking.TrackingTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A bounded load test of the open pixel and the click redirect over loopback. A real newsletter goes to three dozen
 * people; then several client threads (keep-alive connections) hit their pixels and links for a fixed time
 * ({@code -Dload.seconds}, 60 by default; {@code -Dload.threads}, 8) with a known mix of people, machines and forged
 * tokens, counting client-side exactly what each request must count as. Every answer is checked as it comes
 * (the GIF, a 302 to the right link, a 404 for forgeries; no 5xx, no transport error), and afterwards the statistics
 * API must report exactly the client's counts: lost or doubled updates under concurrency show up as a difference,
 * and so does any per-person marker too many or missing. The run opens with every thread at once on the same two
 * people's first opens and clicks: the race for their markers and unique counts. Requests per second and latency
 * (median, p99) are printed.
 *
 * <p>What counts as what (Tracker, TrafficClassifier): HEAD, scanner agents and privacy proxies are machine traffic
 * (opens and clicks apart, never per person); a click less than 20 s after delivery is a scanner's, so the
 * "window" recipients, whose delivery is moved a little into the future, only ever produce machine clicks (their
 * opens are human: the rule is for clicks). A person's human hits count as theirs (total, unique, per link) only
 * with audience-measurement consent, else anonymously; people's hits, consenting or not, fill the engagement grid.
 */
@Tag("reliability")
class TrackingLoadIT {
    private static final String FED = "44";
    private static final String LINK0 = "https://exemple.fr/programme-44";
    private static final String LINK1 = "https://exemple.fr/agir?ref=lettre&x=44";
    private static final List<String> LINKS = List.of(LINK0, LINK1);
    private static final byte[] GIF = java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private static final List<String> PEOPLE = List.of(
            TrackingIT.BROWSER,
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36");
    private static final List<String> SCANNERS = List.of(
            "Mozilla/5.0 (compatible; Mimecast URL protection)",
            "Barracuda Sentinel (EE)",
            "python-requests/2.32.3",
            "curl/8.5.0",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
    private static final List<String> PROXIES = List.of(
            "Mozilla/5.0",
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
            "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html");

    /** What a request is, with its weight in the mix. */
    enum Kind {
        HUMAN_OPEN(30), HUMAN_CLICK(25),
        HEAD_OPEN(4), HEAD_CLICK(5), SCANNER_OPEN(4), SCANNER_CLICK(8), PROXY_OPEN(10), PROXY_CLICK(3),
        FORGED_OPEN(5), FORGED_CLICK(6);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }

        boolean click() {
            return name().endsWith("CLICK");
        }
    }

    /** consenting: counted as themselves; anonymous: without consent; window: consenting, delivered "just now". */
    enum Who { CONSENTING, ANONYMOUS, WINDOW }

    record Person(String id, Who who, String pixel, List<String> clicks) {
    }

    private final TestStack stack = TestStack.get();
    private final Sends sends = new Sends(stack);
    private final TrackingTokens tokens = new TrackingTokens(Secrets.tokenKeys(stack.settings()));
    private final TableLayout layout = new TableLayout(stack.settings().tablePrefix());

    /** Exact client-side counts, shared by the client threads. */
    static final class Expected {
        final Map<String, Long> counters = new ConcurrentHashMap<>();
        final Set<String> openers = ConcurrentHashMap.newKeySet();
        final Set<String> clickers = ConcurrentHashMap.newKeySet();
        final List<Set<String>> linkClickers = List.of(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        final Map<Kind, Long> requests = Collections.synchronizedMap(new EnumMap<>(Kind.class));

        void add(String counter) {
            counters.merge(counter, 1L, Long::sum);
        }

        long get(String counter) {
            return counters.getOrDefault(counter, 0L);
        }
    }

    /** One client thread's results; merged at the end. */
    static final class Tally {
        long[] latencies = new long[1 << 14];
        int count;
        long transportErrors;
        long serverErrors;
        final List<String> failures = new ArrayList<>();

        void latency(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        void fail(String what) {
            if (failures.size() < 20) {
                failures.add(what);
            }
        }
    }

    @Test
    void underSustainedConcurrentTrafficEveryHitIsAnsweredAndCountedExactly() throws Exception {
        int seconds = Integer.getInteger("load.seconds", 60);
        int threads = Integer.getInteger("load.threads", 8);

        // --- a real send to 36 people: 24 consenting, 8 without consent, 4 in the scanners' window --------------
        Map<String, Boolean> people = new LinkedHashMap<>();
        Map<String, Who> whoByEmail = new HashMap<>();
        for (int i = 0; i < 36; i++) {
            Who who = i < 24 ? Who.CONSENTING : i < 32 ? Who.ANONYMOUS : Who.WINDOW;
            String email = TestStack.uniqueEmail("load" + i);
            people.put(email, who != Who.ANONYMOUS);
            whoByEmail.put(email, who);
        }
        String subject = "Lettre en charge " + TestStack.uniqueEmail("x").substring(2, 10);
        long setupStart = System.nanoTime();
        Sends.Sent sent = new Sends(stack).send(FED, people, subject, LINK0, LINK1);
        String nl = sent.newsletterId();
        TrackingLinks trackingLinks = new TrackingLinks(stack.apiUrl(), tokens);
        List<Person> recipients = new ArrayList<>();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        // Delivered "in a while": every click of theirs during the run falls within 20 s of delivery.
        Instant soon = Instant.now().plus(Duration.ofMinutes(30));
        JsonNode store = stack.sentEmails();
        for (Map.Entry<String, String> r : sent.recipients().entrySet()) {
            Who who = whoByEmail.get(r.getKey());
            List<JsonNode> mails = Emails.to(store, r.getKey()).stream()
                    .filter(m -> m.path("subject").asText().equals(subject)).toList();
            assertEquals(1, mails.size(), "one email to " + r.getKey());
            JsonNode mail = mails.get(0);
            String pixel = Emails.links(mail).stream().filter(l -> l.contains("/v1/o/")).findFirst().orElse(null);
            assertEquals(who != Who.ANONYMOUS, pixel != null, "a pixel only with consent");
            if (pixel == null) {
                // From an email sent before consent was withdrawn: still a valid pixel, counted anonymously.
                pixel = trackingLinks.pixel(FED, nl, r.getValue());
            }
            String[] clicks = new String[2];
            for (String link : Emails.links(mail)) {
                if (link.contains("/v1/c/")) {
                    TrackingToken t = tokens.verify(link.substring(link.indexOf("/v1/c/") + 6)).orElseThrow();
                    clicks[t.linkIndex()] = link;
                }
            }
            assertTrue(clicks[0] != null && clicks[1] != null, "both links are tracked");
            recipients.add(new Person(r.getValue(), who, pixel, List.of(clicks)));
            deliveredAt(nl, r.getValue(), who == Who.WINDOW ? soon : anHourAgo);
        }
        assertEquals(List.of(Who.CONSENTING, Who.CONSENTING), List.of(recipients.get(0).who(), recipients.get(1).who()));
        List<String> forgedPixels = forgeries(recipients, nl, true);
        List<String> forgedClicks = forgeries(recipients, nl, false);
        checkTheModel();
        Map<String, AttributeValue> before = statsItem(nl);
        assertTrue(before.isEmpty(), "nothing counted yet: " + before);
        System.out.printf("TrackingLoadIT: setup (36 confirmed contacts, send, delivery) %d ms%n",
                (System.nanoTime() - setupStart) / 1_000_000);

        // --- the load ------------------------------------------------------------------------------------------
        Expected expected = new Expected();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Tally>> results = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        long started;
        long elapsed;
        long logLines;
        List<String> problems;
        long problemCount;
        // Hits the tracker could not count, errors, the API failing to answer; other functions' warnings aside.
        try (QuietLogs logs = QuietLogs.keeping(l -> l.contains("not counted") || l.contains("\"level\":\"ERROR\"")
                || (l.startsWith("[local] api") && (l.contains(" failed") || l.contains("cannot answer"))))) {
            for (int t = 0; t < threads; t++) {
                long seed = 4400L + t;
                results.add(pool.submit(() -> {
                    go.await();
                    return client(http, new Random(seed), recipients, forgedPixels, forgedClicks, expected,
                            System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
                }));
            }
            started = System.nanoTime();
            go.countDown();
            List<Tally> tallies = new ArrayList<>();
            for (Future<Tally> f : results) {
                tallies.add(f.get());
            }
            elapsed = System.nanoTime() - started;
            logLines = logs.lines();
            problems = logs.kept();
            problemCount = logs.keptTotal();
            pool.shutdown();
            report(tallies, expected, elapsed, threads, logLines);

            long transport = tallies.stream().mapToLong(t -> t.transportErrors).sum();
            long fiveHundreds = tallies.stream().mapToLong(t -> t.serverErrors).sum();
            List<String> failures = tallies.stream().flatMap(t -> t.failures.stream()).toList();
            assertEquals(0, transport, "transport errors: " + failures);
            assertEquals(0, fiveHundreds, "5xx answers: " + failures);
            assertEquals(List.of(), failures, "wrong answers");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, problemCount, "hits not counted and errors logged under load: " + problems);

        // --- the statistics API reports exactly what was sent ------------------------------------------------
        long humanOpens = expected.get(StatsKeys.OPENS) + expected.get(StatsKeys.ANONYMOUS_OPENS);
        long humanClicks = expected.get(StatsKeys.CLICKS) + expected.get(StatsKeys.ANONYMOUS_CLICKS);
        HttpResponse<String> response = stack.get("/v1/federations/" + FED + "/newsletters/" + nl + "/stats",
                TestStack.bearer(sent.key()));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode s = Json.parse(response.body());
        Map<String, Long> wanted = new LinkedHashMap<>();
        Map<String, Long> got = new LinkedHashMap<>();
        compare(wanted, got, "delivery.delivered", 36, s.at("/delivery/delivered"));
        compare(wanted, got, "opens.unique", expected.openers.size(), s.at("/opens/unique"));
        compare(wanted, got, "opens.total", humanOpens, s.at("/opens/total"));
        compare(wanted, got, "opens.anonymous", expected.get(StatsKeys.ANONYMOUS_OPENS), s.at("/opens/anonymous"));
        compare(wanted, got, "opens.machine", expected.get(StatsKeys.MACHINE_OPENS), s.at("/opens/machine"));
        compare(wanted, got, "clicks.unique", expected.clickers.size(), s.at("/clicks/unique"));
        compare(wanted, got, "clicks.total", humanClicks, s.at("/clicks/total"));
        compare(wanted, got, "clicks.anonymous", expected.get(StatsKeys.ANONYMOUS_CLICKS), s.at("/clicks/anonymous"));
        compare(wanted, got, "clicks.machine", expected.get(StatsKeys.MACHINE_CLICKS), s.at("/clicks/machine"));
        for (int i = 0; i < 2; i++) {
            assertEquals(LINKS.get(i), s.at("/links/" + i + "/url").asText());
            compare(wanted, got, "links." + i + ".clicks", expected.get(StatsKeys.linkClicks(i)), s.at("/links/" + i + "/clicks"));
            compare(wanted, got, "links." + i + ".uniqueClicks", expected.linkClickers.get(i).size(),
                    s.at("/links/" + i + "/uniqueClicks"));
            compare(wanted, got, "links." + i + ".machineClicks", expected.get(StatsKeys.linkMachineClicks(i)),
                    s.at("/links/" + i + "/machineClicks"));
        }
        compare(wanted, got, "engagement.events", humanOpens + humanClicks, s.at("/engagement/events"));
        compare(wanted, got, "unsubscribes", 0, s.at("/unsubscribes"));
        assertEquals(wanted, got, "statistics API against the client's exact counts");

        // The raw item says the same, with nothing else in it (a forged or foreign hit would add a counter).
        Map<String, AttributeValue> item = statsItem(nl);
        long cells = 0;
        Map<String, Long> raw = new java.util.TreeMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (e.getKey().matches("e[1-7][0-2][0-9]")) {
                cells += Long.parseLong(e.getValue().n());
            } else if (!e.getKey().equals(TableLayout.PK) && !e.getKey().equals(TableLayout.SK)) {
                raw.put(e.getKey(), Long.parseLong(e.getValue().n()));
            }
        }
        Map<String, Long> rawWanted = new java.util.TreeMap<>(expected.counters);
        rawWanted.put(StatsKeys.UNIQUE_OPENS, (long) expected.openers.size());
        rawWanted.put(StatsKeys.UNIQUE_CLICKS, (long) expected.clickers.size());
        for (int i = 0; i < 2; i++) {
            if (!expected.linkClickers.get(i).isEmpty()) {
                rawWanted.put(StatsKeys.linkUniqueClicks(i), (long) expected.linkClickers.get(i).size());
            }
        }
        rawWanted.values().removeIf(v -> v == 0);
        assertEquals(rawWanted, raw, "the statistics item, counter by counter");
        assertEquals(humanOpens + humanClicks, cells, "engagement cells");

        // Per-person markers: exactly the consenting people's first open / click / click per link, nobody else's.
        for (Person p : recipients) {
            List<String> markers = new ArrayList<>();
            if (expected.openers.contains(p.id())) {
                markers.add(StatsKeys.openMarker(nl));
            }
            if (expected.clickers.contains(p.id())) {
                markers.add(StatsKeys.clickMarker(nl));
            }
            for (int i = 0; i < 2; i++) {
                if (expected.linkClickers.get(i).contains(p.id())) {
                    markers.add(StatsKeys.linkMarker(nl, i));
                }
            }
            assertEquals(markers.stream().sorted().toList(), markers(p.id()), p.who() + " " + p.id());
        }
    }

    private static void compare(Map<String, Long> wanted, Map<String, Long> got, String name, long expected, JsonNode actual) {
        wanted.put(name, expected);
        got.put(name, actual.isMissingNode() || actual.isNull() ? null : actual.asLong());
    }

    /** One client thread: keep-alive requests of the mix until the deadline, each answer checked and counted. */
    private static Tally client(HttpClient http, Random random, List<Person> recipients, List<String> forgedPixels,
                                List<String> forgedClicks, Expected expected, long deadline) {
        Tally tally = new Tally();
        int totalWeight = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
        for (int n = 0; System.nanoTime() < deadline; n++) {
            int pick = random.nextInt(totalWeight);
            Kind kind = null;
            for (Kind k : Kind.values()) {
                pick -= k.weight;
                if (pick < 0) {
                    kind = k;
                    break;
                }
            }
            Person person = recipients.get(random.nextInt(recipients.size()));
            if (n < 6) {
                // The opening burst: every thread at once on the same two people's first opens and clicks, the
                // race for their per-person markers and unique counts.
                kind = n % 2 == 0 ? Kind.HUMAN_OPEN : Kind.HUMAN_CLICK;
                person = recipients.get((n / 2) % 2);
            }
            int link = random.nextInt(2);
            String url;
            String method = kind.name().startsWith("HEAD") ? "HEAD" : "GET";
            String agent = switch (kind) {
                case SCANNER_OPEN, SCANNER_CLICK -> SCANNERS.get(random.nextInt(SCANNERS.size()));
                case PROXY_OPEN, PROXY_CLICK -> PROXIES.get(random.nextInt(PROXIES.size()));
                default -> PEOPLE.get(random.nextInt(PEOPLE.size()));
            };
            if (kind == Kind.FORGED_OPEN) {
                url = forgedPixels.get(random.nextInt(forgedPixels.size()));
            } else if (kind == Kind.FORGED_CLICK) {
                url = forgedClicks.get(random.nextInt(forgedClicks.size()));
            } else {
                url = kind.click() ? person.clicks().get(link) : person.pixel();
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("user-agent", agent).build();
            long start = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                tally.transportErrors++;
                tally.fail(kind + ": " + e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            tally.latency(System.nanoTime() - start);
            expected.requests.merge(kind, 1L, Long::sum);
            if (response.statusCode() >= 500) {
                tally.serverErrors++;
                tally.fail(kind + " -> " + response.statusCode());
                continue;
            }
            String problem = check(kind, method, link, response);
            if (problem != null) {
                tally.fail(kind + " " + person.who() + ": " + problem);
                continue;
            }
            count(kind, person, link, expected);
        }
        return tally;
    }

    /** Null when the answer is right: always the GIF for the pixel; a 302 to the link, or a 404 when forged. */
    private static String check(Kind kind, String method, int link, HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("content-type").orElse("");
        if (!kind.click()) {
            if (response.statusCode() != 200 || !type.equals("image/gif")
                    || !response.headers().firstValue("cache-control").orElse("").equals("no-store")) {
                return "pixel answered " + response.statusCode() + " " + type;
            }
            if (method.equals("GET") && !Arrays.equals(GIF, response.body())) {
                return "not the GIF";
            }
            return method.equals("HEAD") && response.body().length > 0 ? "a body to HEAD" : null;
        }
        var location = response.headers().firstValue("location");
        if (kind == Kind.FORGED_CLICK) {
            return response.statusCode() == 404 && location.isEmpty() ? null
                    : "forged click answered " + response.statusCode() + " " + location.orElse("");
        }
        if (response.statusCode() != 302 || !location.orElse("").equals(LINKS.get(link))) {
            return "click answered " + response.statusCode() + " to " + location.orElse("(none)");
        }
        return null;
    }

    /** What the hit must add, from what the request is and who it is for; see the class comment. */
    private static void count(Kind kind, Person person, int link, Expected e) {
        switch (kind) {
            case HUMAN_OPEN -> {
                if (person.who() == Who.ANONYMOUS) {
                    e.add(StatsKeys.ANONYMOUS_OPENS);
                } else {
                    e.add(StatsKeys.OPENS);
                    e.openers.add(person.id());
                }
            }
            case HUMAN_CLICK -> {
                switch (person.who()) {
                    case CONSENTING -> {
                        e.add(StatsKeys.CLICKS);
                        e.add(StatsKeys.linkClicks(link));
                        e.clickers.add(person.id());
                        e.linkClickers.get(link).add(person.id());
                    }
                    case ANONYMOUS -> {
                        e.add(StatsKeys.ANONYMOUS_CLICKS);
                        e.add(StatsKeys.linkClicks(link));
                    }
                    case WINDOW -> {
                        e.add(StatsKeys.MACHINE_CLICKS);
                        e.add(StatsKeys.linkMachineClicks(link));
                    }
                }
            }
            case HEAD_OPEN, SCANNER_OPEN, PROXY_OPEN -> e.add(StatsKeys.MACHINE_OPENS);
            case HEAD_CLICK, SCANNER_CLICK, PROXY_CLICK -> {
                e.add(StatsKeys.MACHINE_CLICKS);
                e.add(StatsKeys.linkMachineClicks(link));
            }
            case FORGED_OPEN, FORGED_CLICK -> {
                // nothing may move
            }
        }
    }

    private static void report(List<Tally> tallies, Expected expected, long elapsedNanos, int threads, long logLines) {
        long total = tallies.stream().mapToLong(t -> t.count).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (Tally t : tallies) {
            System.arraycopy(t.latencies, 0, all, at, t.count);
            at += t.count;
        }
        Arrays.sort(all);
        double seconds = elapsedNanos / 1e9;
        System.out.printf("TrackingLoadIT: %d requests in %.1f s over %d keep-alive client threads: %.0f requests/s%n",
                total, seconds, threads, total / seconds);
        if (total > 0) {
            System.out.printf("TrackingLoadIT: latency median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    all[all.length / 2] / 1e6, all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6,
                    all[all.length - 1] / 1e6);
        }
        System.out.println("TrackingLoadIT: requests by kind " + new EnumMap<>(expected.requests));
        System.out.println("TrackingLoadIT: expected counters " + new java.util.TreeMap<>(expected.counters)
                + ", unique openers " + expected.openers.size() + ", unique clickers " + expected.clickers.size()
                + ", per link " + expected.linkClickers.get(0).size() + "/" + expected.linkClickers.get(1).size()
                + "; " + logLines + " log lines held back");
    }

    /** Guards the test's own model of the classifier: people are people, machines are machines. */
    private static void checkTheModel() {
        TrafficClassifier classifier = new TrafficClassifier();
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofHours(1));
        for (String agent : PEOPLE) {
            assertEquals(Traffic.HUMAN, classifier.classify(true, new HitRequest("GET", agent, "127.0.0.1"), now, old), agent);
            assertEquals(Traffic.SCANNER, classifier.classify(true, new HitRequest("GET", agent, "127.0.0.1"), now, now), agent);
            assertEquals(Traffic.HUMAN, classifier.classify(false, new HitRequest("GET", agent, "127.0.0.1"), now, now), agent);
        }
        for (String agent : SCANNERS) {
            assertEquals(Traffic.SCANNER, classifier.classify(false, new HitRequest("GET", agent, "127.0.0.1"), now, old), agent);
        }
        for (String agent : PROXIES) {
            assertEquals(Traffic.PRIVACY_PROXY, classifier.classify(true, new HitRequest("GET", agent, "127.0.0.1"), now, old), agent);
        }
    }

    /**
     * Tokens that must count nothing: one flipped bit, truncated, extended, signed with an unknown key or another
     * key under the right key id, a link index past the newsletter's links, another federation or newsletter,
     * the other kind (a click token on the pixel, a pixel token on the redirect).
     */
    private List<String> forgeries(List<Person> recipients, String nl, boolean pixel) {
        Random random = new Random(pixel ? 1 : 2);
        String kid = Secrets.tokenKeys(stack.settings()).keySet().iterator().next();
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        TrackingTokens sameKidOtherKey = new TrackingTokens(Map.of(kid, otherKey));
        TrackingTokens unknownKid = new TrackingTokens(Map.of("zz", otherKey));
        String base = stack.apiUrl() + (pixel ? "/v1/o/" : "/v1/c/");
        List<String> forged = new ArrayList<>();
        for (Person p : recipients) {
            String genuine = pixel ? token(p.pixel()) : token(p.clicks().get(random.nextInt(2)));
            int index = pixel ? TrackingToken.PIXEL : random.nextInt(2);
            byte[] bytes = java.util.Base64.getUrlDecoder().decode(genuine);
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            forged.add(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            forged.add(genuine.substring(0, genuine.length() - 1 - random.nextInt(8)));
            forged.add(genuine + "A");
            forged.add(sameKidOtherKey.issue(new TrackingToken(FED, nl, p.id(), index)));
            forged.add(unknownKid.issue(new TrackingToken(FED, nl, p.id(), index)));
            forged.add(tokens.issue(new TrackingToken("13", nl, p.id(), index)));
            forged.add(tokens.issue(new TrackingToken(FED, "nForged" + random.nextInt(1_000_000), p.id(), index)));
            forged.add(tokens.issue(new TrackingToken(FED, nl, p.id(), pixel ? 0 : TrackingToken.PIXEL)));
            if (!pixel) {
                forged.add(tokens.issue(new TrackingToken(FED, nl, p.id(), 2 + random.nextInt(200))));
            }
        }
        for (String f : forged) {
            // Either it does not verify, or it names something that does not exist or is of the wrong kind.
            tokens.verify(f).ifPresent(t -> assertTrue(!t.federation().equals(FED) || !t.newsletterId().equals(nl)
                    || t.isPixel() != pixel || t.linkIndex() >= 2, "not a forgery: " + t));
        }
        return forged.stream().map(f -> base + f).toList();
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void deliveredAt(String newsletterId, String contactId, Instant at) {
        sends.contacts().platform().clients().dynamo().updateItem(r -> r
                .tableName(layout.federationTable(FED))
                .key(Map.of(TableLayout.PK, AttributeValue.fromS(NewsletterKeys.pk(newsletterId)),
                        TableLayout.SK, AttributeValue.fromS(NewsletterKeys.recipient(contactId))))
                .updateExpression("SET deliveredAt = :t")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(at.toString()))));
    }

    private Map<String, AttributeValue> statsItem(String newsletterId) {
        Map<String, AttributeValue> item = sends.contacts().platform().clients().dynamo().getItem(r -> r
                .tableName(layout.federationTable(FED)).consistentRead(true)
                .key(Map.of(TableLayout.PK, AttributeValue.fromS(NewsletterKeys.pk(newsletterId)),
                        TableLayout.SK, AttributeValue.fromS(StatsKeys.STATS)))).item();
        return item == null ? Map.of() : item;
    }

    private List<String> markers(String contactId) {
        return sends.contacts().platform().clients().dynamo().query(r -> r
                        .tableName(layout.federationTable(FED)).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :t)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CONTACT#" + contactId),
                                ":t", AttributeValue.fromS(StatsKeys.MARKER_PREFIX))))
                .items().stream().map(i -> i.get(TableLayout.SK).s()).sorted().toList();
    }
}
