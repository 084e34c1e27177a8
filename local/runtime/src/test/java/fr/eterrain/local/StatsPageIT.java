package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The statistics page in headless Chromium against the local runtime: it loads, reads the API with the key from
 * the link, draws its charts, and leaves screenshots in target/screenshots/ for people to look at.
 * Needs Chromium ({@code apt-get install chromium}, or CHROMIUM=/path/to/chrome); skipped with a message without it.
 */
class StatsPageIT {
    private static final String FED = "2B";
    private static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private final TestStack stack = TestStack.get();

    static Optional<String> chromium() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("CHROMIUM")).ifPresent(candidates::add);
        candidates.addAll(List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"));
        for (String candidate : candidates) {
            if (candidate.contains("/")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return Optional.of(candidate);
                }
                continue;
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, candidate))) {
                    return Optional.of(Path.of(dir, candidate).toString());
                }
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(chromium().isPresent(), "Chromium not found: the statistics page test is skipped. "
                + "Install it (apt-get install chromium) or set CHROMIUM=/path/to/chrome to run it.");
    }

    /** Six months of newsletters with plausible figures, written as the sender and the tracker would. */
    private void seed() {
        DynamoDbClient dynamo = new Contacts(stack).platform().clients().dynamo();
        String table = new TableLayout(stack.settings().tablePrefix()).federationTable(FED);
        String[] subjects = {"Rentrée militante", "Réunion publique à Bastia", "Nos propositions pour le logement",
                "Bilan du conseil départemental", "Fête de la fédération", "Appel aux bénévoles"};
        ZonedDateTime now = ZonedDateTime.now(StatsKeys.PARIS);
        for (int i = 0; i < subjects.length; i++) {
            String id = "page" + i;
            Instant sentAt = now.minusMonths(subjects.length - 1 - i).withDayOfMonth(3).withHour(18).toInstant();
            long delivered = 400 + 60L * i;
            Map<String, AttributeValue> meta = new HashMap<>();
            meta.put("pk", AttributeValue.fromS(NewsletterKeys.pk(id)));
            meta.put("sk", AttributeValue.fromS(NewsletterKeys.META));
            meta.put("gsi1pk", AttributeValue.fromS(NewsletterKeys.LIST));
            meta.put("gsi1sk", AttributeValue.fromS(sentAt.minusSeconds(86_400) + "#" + id));
            meta.put("id", AttributeValue.fromS(id));
            meta.put("subject", AttributeValue.fromS(subjects[i]));
            meta.put("state", AttributeValue.fromS("sent"));
            meta.put("startedAt", AttributeValue.fromS(sentAt.toString()));
            meta.put("links", AttributeValue.fromL(List.of(AttributeValue.fromS("https://exemple.fr/agenda"),
                    AttributeValue.fromS("https://exemple.fr/adherer"), AttributeValue.fromS("https://exemple.fr/don"))));
            Map<String, Long> delivery = Map.of("total", delivered + 8, "sent", delivered + 5, "delivered", delivered,
                    "bounced", 5L, "complaints", 0L, "measured", delivered * 3 / 5);
            delivery.forEach((k, v) -> meta.put(k, AttributeValue.fromN(Long.toString(v))));
            dynamo.putItem(r -> r.tableName(table).item(meta));
            long unique = delivered * (30 + 3L * i) / 100;
            Map<String, Long> counters = new HashMap<>(Map.of(StatsKeys.UNIQUE_OPENS, unique, StatsKeys.OPENS, unique * 3 / 2,
                    StatsKeys.ANONYMOUS_OPENS, 12L, StatsKeys.MACHINE_OPENS, delivered / 3, StatsKeys.UNIQUE_CLICKS, unique / 4,
                    StatsKeys.CLICKS, unique / 3, StatsKeys.MACHINE_CLICKS, 20L + i, StatsKeys.UNSUBSCRIBES, 1L + i % 3));
            counters.put(StatsKeys.linkClicks(0), unique / 5);
            counters.put(StatsKeys.linkUniqueClicks(0), unique / 6);
            counters.put(StatsKeys.linkClicks(1), unique / 9);
            counters.put(StatsKeys.linkUniqueClicks(1), unique / 10);
            counters.put(StatsKeys.linkClicks(2), unique / 20);
            counters.put(StatsKeys.linkUniqueClicks(2), unique / 20);
            for (DayOfWeek day : DayOfWeek.values()) {
                for (int hour = 7; hour < 23; hour++) {
                    long weight = (hour >= 18 && hour <= 21 ? 9 : hour >= 12 && hour <= 13 ? 5 : 2)
                            * (day == DayOfWeek.TUESDAY || day == DayOfWeek.THURSDAY ? 2 : 1) + (i + hour) % 3;
                    counters.put(StatsKeys.engagement(day, hour), weight);
                }
            }
            Map<String, AttributeValue> stats = new HashMap<>();
            stats.put("pk", AttributeValue.fromS(NewsletterKeys.pk(id)));
            stats.put("sk", AttributeValue.fromS(StatsKeys.STATS));
            counters.forEach((k, v) -> stats.put(k, AttributeValue.fromN(Long.toString(v))));
            dynamo.putItem(r -> r.tableName(table).item(stats));
        }
    }

    /** Runs headless Chromium on the page; returns the DOM after its scripts ran. */
    private String chrome(String fragment, String screenshot) throws IOException, InterruptedException {
        Files.createDirectories(SHOTS);
        Path profile = Files.createTempDirectory("stats-page-chromium");
        String url = stack.apiUrl() + "/stats/#" + fragment;
        List<String> common = List.of(chromium().orElseThrow(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1280,2400", "--virtual-time-budget=15000");
        List<String> shot = new ArrayList<>(common);
        shot.add("--screenshot=" + SHOTS.resolve(screenshot));
        shot.add(url);
        run(shot, profile.resolve("screenshot.log"));
        List<String> dump = new ArrayList<>(common);
        dump.add("--dump-dom");
        dump.add(url);
        return run(dump, profile.resolve("dump.log"));
    }

    private static String run(List<String> command, Path log) throws IOException, InterruptedException {
        Path out = Files.createTempFile("chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish: " + Files.readString(log));
        }
        assertEquals(0, process.exitValue(), "Chromium failed: " + Files.readString(log));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void aVolunteerSeesTheFederationsChartsAndTheRecommendedSendTime() throws Exception {
        seed();
        String key = stack.issueKey(FED);
        String dom = chrome("fed=" + FED + "&key=" + key, "stats-federation.png");
        assertTrue(dom.contains("data-ready=\"federation\""), "the report was drawn: " + dom);
        assertTrue(dom.contains("Fédération Haute-Corse (2B)") || dom.contains("(2B)"), "the federation's name");
        assertTrue(dom.contains("<option value=\"2B\">"), "the federations list");
        assertTrue(dom.contains("Taux d'ouverture"));
        assertTrue(dom.contains("Moment conseillé pour envoyer : le mardi"), "the send time advice");
        assertTrue(dom.contains("Réunion publique à Bastia"), "the newsletters table");
        assertTrue(dom.contains("aria-label=\"Taux d'ouverture et de clic par mois\""), "the monthly chart");
        assertTrue(dom.contains("<rect"), "SVG bars");
        assertFalse(dom.contains(key), "the key left the address and the page");
        assertTrue(Files.size(SHOTS.resolve("stats-federation.png")) > 20_000, "a real screenshot");

        String newsletter = chrome("view=newsletter&fed=" + FED + "&nl=page5&key=" + key, "stats-newsletter.png");
        assertTrue(newsletter.contains("data-ready=\"newsletter\""), newsletter);
        assertTrue(newsletter.contains("Appel aux bénévoles"));
        assertTrue(newsletter.contains("aria-label=\"Clics par lien\""));
        assertTrue(newsletter.contains("https://exemple.fr/adherer"));

        String national = chrome("view=national&key=" + stack.issueKey("HQ"), "stats-national.png");
        assertTrue(national.contains("data-ready=\"national\""), national);
        assertTrue(national.contains("Classement des fédérations"));
        assertTrue(national.contains("(2B)"));

        String refused = chrome("view=national&key=" + key, "stats-refused.png");
        assertTrue(refused.contains("data-ready=\"error\""));
        assertTrue(refused.contains("Cette clé ne donne pas accès à ces statistiques"));
    }

    /** One sent newsletter of federation 2B with these figures, as the sender and the tracker would write them. */
    private void seedOne(String id, long delivered, long measured, long uniqueOpens, long uniqueClicks) {
        DynamoDbClient dynamo = new Contacts(stack).platform().clients().dynamo();
        String table = new TableLayout(stack.settings().tablePrefix()).federationTable(FED);
        Instant sentAt = Instant.now().minusSeconds(3_600);
        Map<String, AttributeValue> meta = new HashMap<>();
        meta.put("pk", AttributeValue.fromS(NewsletterKeys.pk(id)));
        meta.put("sk", AttributeValue.fromS(NewsletterKeys.META));
        meta.put("gsi1pk", AttributeValue.fromS(NewsletterKeys.LIST));
        meta.put("gsi1sk", AttributeValue.fromS(sentAt + "#" + id));
        meta.put("id", AttributeValue.fromS(id));
        meta.put("subject", AttributeValue.fromS("Accords " + id));
        meta.put("state", AttributeValue.fromS("sent"));
        meta.put("startedAt", AttributeValue.fromS(sentAt.toString()));
        meta.put("links", AttributeValue.fromL(List.of(AttributeValue.fromS("https://exemple.fr/agenda"))));
        Map.of("total", delivered, "sent", delivered, "delivered", delivered, "bounced", 0L, "complaints", 0L, "measured", measured)
                .forEach((k, v) -> meta.put(k, AttributeValue.fromN(Long.toString(v))));
        dynamo.putItem(r -> r.tableName(table).item(meta));
        Map<String, AttributeValue> stats = new HashMap<>();
        stats.put("pk", AttributeValue.fromS(NewsletterKeys.pk(id)));
        stats.put("sk", AttributeValue.fromS(StatsKeys.STATS));
        Map.of(StatsKeys.UNIQUE_OPENS, uniqueOpens, StatsKeys.OPENS, uniqueOpens, StatsKeys.UNIQUE_CLICKS, uniqueClicks,
                StatsKeys.CLICKS, uniqueClicks, StatsKeys.linkClicks(0), uniqueClicks, StatsKeys.linkUniqueClicks(0), uniqueClicks)
                .forEach((k, v) -> stats.put(k, AttributeValue.fromN(Long.toString(v))));
        dynamo.putItem(r -> r.tableName(table).item(stats));
    }

    /** "1 personne sur 3 mesurées a ouvert": French agreement for 0, 1 and more. */
    @Test
    void theFiguresAreWrittenInCorrectFrench() throws Exception {
        seedOne("plural1", 3, 3, 1, 1);
        seedOne("plural0", 1, 1, 0, 0);
        seedOne("pluraln", 5, 5, 2, 2);
        String key = stack.issueKey(FED);
        String one = chrome("view=newsletter&fed=" + FED + "&nl=plural1&key=" + key, "stats-plural-1.png");
        assertTrue(one.contains("data-ready=\"newsletter\""), one);
        assertTrue(one.contains("1 personne sur 3 mesurées a ouvert"), one);
        assertTrue(one.contains("1 personne a cliqué au moins une fois"), one);
        assertTrue(one.contains("1 clic, 1 personne"), one);
        assertTrue(one.contains("3 envoyés, 0 refusé"), one);
        String zero = chrome("view=newsletter&fed=" + FED + "&nl=plural0&key=" + key, "stats-plural-0.png");
        assertTrue(zero.contains("0 personne sur 1 mesurée a ouvert"), zero);
        assertTrue(zero.contains("0 personne a cliqué au moins une fois"), zero);
        String many = chrome("view=newsletter&fed=" + FED + "&nl=pluraln&key=" + key, "stats-plural-n.png");
        assertTrue(many.contains("2 personnes sur 5 mesurées ont ouvert"), many);
        assertTrue(many.contains("2 personnes ont cliqué au moins une fois"), many);
        assertFalse(one.contains("personnes sur 3") || one.contains("1 personnes"), one);
    }
}
