package fr.eterrain.local.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.Platform;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.local.TestStack;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The statistics, now in the console (the old /stats/ page redirects there), in Chromium against the local runtime:
 * the federation's figures, charts and send-time advice, a newsletter's clicks per link, the national ranking for
 * HQ, a refusal in words, French plurals, and no sideways scroll at 390 px. Runs in CI like every browser test.
 */
@ExtendWith(ConsoleBrowser.class)
class StatsPageIT {
    static final String FED = "2B";

    private static DynamoDbClient dynamo(TestStack stack) {
        return new Platform(stack.settings()).clients().dynamo();
    }

    /** Six months of newsletters with plausible figures, written as the sender and the tracker would (once per JVM). */
    static synchronized void seed(TestStack stack) {
        DynamoDbClient dynamo = dynamo(stack);
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
            meta.put("blocks", AttributeValue.fromS("[]"));
            meta.put("segment", AttributeValue.fromS("{}"));
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

    /** One sent newsletter of federation 2B with these figures. */
    private static void seedOne(TestStack stack, String id, long delivered, long measured, long uniqueOpens, long uniqueClicks) {
        DynamoDbClient dynamo = dynamo(stack);
        String table = new TableLayout(stack.settings().tablePrefix()).federationTable(FED);
        Instant sentAt = Instant.now().minusSeconds(3_600);
        Map<String, AttributeValue> meta = new HashMap<>();
        meta.put("pk", AttributeValue.fromS(NewsletterKeys.pk(id)));
        meta.put("sk", AttributeValue.fromS(NewsletterKeys.META));
        meta.put("gsi1pk", AttributeValue.fromS(NewsletterKeys.LIST));
        meta.put("gsi1sk", AttributeValue.fromS(sentAt + "#" + id));
        meta.put("id", AttributeValue.fromS(id));
        meta.put("subject", AttributeValue.fromS("Accords " + id));
        meta.put("blocks", AttributeValue.fromS("[]"));
        meta.put("segment", AttributeValue.fromS("{}"));
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

    private static String markup(ConsoleBrowser browser) {
        return String.valueOf(browser.js("return document.querySelector('main').innerHTML"));
    }

    @Test
    void aVolunteerSeesTheFederationsChartsAndTheRecommendedSendTimeThenHqTheRanking(ConsoleBrowser browser) {
        seed(browser.stack());
        seedOne(browser.stack(), "plural1", 3, 3, 1, 1);
        seedOne(browser.stack(), "plural0", 1, 1, 0, 0);
        seedOne(browser.stack(), "pluraln", 5, 5, 2, 2);
        browser.signIn(browser.person(FED, "editor", false, "Ange Rédaction"));
        browser.open("/f/" + FED + "/statistiques");
        browser.find("[data-ready=federation]");
        String dom = markup(browser);
        assertTrue(dom.contains("(2B)") || dom.contains("Haute-Corse"), "the federation's name: " + dom);
        assertTrue(dom.contains("Taux d'ouverture"));
        assertTrue(dom.contains("Moment conseillé pour envoyer : le mardi"), "the send time advice");
        assertTrue(dom.contains("Réunion publique à Bastia"), "the newsletters table");
        assertTrue(dom.contains("aria-label=\"Taux d'ouverture et de clic par mois\""), "the monthly chart");
        assertTrue(dom.contains("bar-fill"), "bars");
        assertTrue(dom.contains("Télécharger le tableau (CSV)"));
        browser.axe("the federation's statistics");
        browser.screenshot("console-stats-federation");
        assertTrue(browser.stack().get("/stats/").body().contains("redirect.js"), "the old page points here");

        browser.button("Fête de la fédération").click();
        browser.find("[data-ready=newsletter]");
        String newsletter = markup(browser);
        assertTrue(newsletter.contains("Fête de la fédération"));
        assertTrue(newsletter.contains("aria-label=\"Clics par lien\""));
        assertTrue(newsletter.contains("https://exemple.fr/adherer"));
        browser.axe("a newsletter's statistics");
        browser.screenshot("console-stats-newsletter");

        // French agreement for 0, 1 and more.
        browser.open("/f/" + FED + "/lettres/plural1/stats");
        browser.find("[data-ready=newsletter]");
        String one = browser.text();
        assertTrue(one.contains("1 personne sur 3 mesurées a ouvert"), one);
        assertTrue(one.contains("1 personne a cliqué au moins une fois"), one);
        assertTrue(one.contains("1 clic, 1 personne"), one);
        assertTrue(one.contains("3 envoyés, 0 refusé"), one);
        assertFalse(one.contains("personnes sur 3") || one.contains("1 personnes"), one);
        browser.open("/f/" + FED + "/lettres/plural0/stats");
        browser.find("[data-ready=newsletter]");
        assertTrue(browser.text().contains("0 personne sur 1 mesurée a ouvert"), browser.text());
        assertTrue(browser.text().contains("0 personne a cliqué au moins une fois"));
        browser.open("/f/" + FED + "/lettres/pluraln/stats");
        browser.find("[data-ready=newsletter]");
        assertTrue(browser.text().contains("2 personnes sur 5 mesurées ont ouvert"), browser.text());
        assertTrue(browser.text().contains("2 personnes ont cliqué au moins une fois"));

        // A federation's editor may not see the national view: the refusal is said in words.
        browser.open("/f/" + FED + "/statistiques?vue=nationale");
        browser.find("[data-ready=error]");
        assertTrue(browser.text().contains("Votre rôle ne permet pas cette action"), browser.text());

        browser.signIn(browser.person("HQ", "hq-staff", false, "Siège Statistiques"));
        browser.open("/f/" + FED + "/statistiques?vue=nationale");
        browser.find("[data-ready=national]");
        assertTrue(browser.text().contains("Classement des fédérations"));
        assertTrue(markup(browser).contains("(2B)") || browser.text().contains("Haute-Corse"));
        browser.axe("the national statistics");
        browser.screenshot("console-stats-national");
    }
}
