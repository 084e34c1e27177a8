package fr.eterrain.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryTracking;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.TrackingStore.Increment;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    private final InMemoryTracking store = new InMemoryTracking();
    private final Fakes.Federations federations = new Fakes.Federations();
    private final Statistics statistics = new Statistics(store, federations);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final Period year = Period.parse(null, null, clock);

    private void add(String fed, String nl, Map<String, Long> counters) {
        store.apply(new Increment(fed, nl, counters, null, List.of(), false, clock.instant()));
    }

    private void newsletter(String fed, String id, String sentAt, long delivered, long measured) {
        store.newsletter(fed, id, "sent", Instant.parse(sentAt), List.of("https://example.org/a", "=HYPERLINK(\"x\")"),
                Map.of("total", delivered + 2, "sent", delivered + 1, "delivered", delivered, "bounced", 1L, "complaints", 0L,
                        "measured", measured));
    }

    @Test
    void ratesCountPeopleOnlyOverTheMeasuredRecipients() {
        newsletter("06", "nl1", "2026-11-10T08:00:00Z", 100, 40);
        add("06", "nl1", Map.of(StatsKeys.UNIQUE_OPENS, 20L, StatsKeys.OPENS, 35L, StatsKeys.ANONYMOUS_OPENS, 5L,
                StatsKeys.MACHINE_OPENS, 50L, StatsKeys.UNIQUE_CLICKS, 8L, StatsKeys.CLICKS, 11L, StatsKeys.MACHINE_CLICKS, 90L,
                StatsKeys.UNSUBSCRIBES, 2L, StatsKeys.linkClicks(1), 4L, StatsKeys.linkUniqueClicks(1), 3L));
        JsonNode json = StatsViews.newsletter(statistics.newsletter(federations.require("06"), "nl1"));
        assertEquals(0.5, json.at("/rates/open").asDouble(), "20 of the 40 measured");
        assertEquals(0.2, json.at("/rates/click").asDouble());
        assertEquals(0.4, json.at("/rates/clickToOpen").asDouble());
        assertEquals(0.02, json.at("/rates/unsubscribe").asDouble(), "over all 100 delivered");
        assertEquals(40, json.at("/opens/total").asLong(), "human opens, consenting or not");
        assertEquals(50, json.at("/opens/machine").asLong());
        assertEquals(4, json.at("/links/1/clicks").asLong());
        assertEquals(3, json.at("/links/1/uniqueClicks").asLong());
        assertEquals(101, json.at("/delivery/sent").asLong());
        assertThrows(ApiException.class, () -> statistics.newsletter(federations.require("13"), "nl1"));
        assertThrows(ApiException.class, () -> statistics.newsletter(federations.require("06"), "a/b"));
    }

    @Test
    void withoutDeliveryNoticesOrPixelCountsTheSentRecipientsAreTheBase() {
        store.newsletter("06", "nl1", "sent", Instant.parse("2026-11-10T08:00:00Z"), List.of(), Map.of("sent", 10L));
        add("06", "nl1", Map.of(StatsKeys.UNIQUE_OPENS, 5L));
        Summary s = statistics.newsletter(federations.require("06"), "nl1").summary();
        assertEquals(0.5, s.openRate());
        assertEquals(0.0, s.clickToOpenRate());
        store.newsletter("06", "nl2", "draft", null, List.of(), Map.of());
        assertNull(statistics.newsletter(federations.require("06"), "nl2").summary().openRate(), "nothing sent: no rate");
    }

    @Test
    void aFederationOverTimeGroupsNewslettersByMonthOfSending() {
        newsletter("06", "oct", "2026-10-05T08:00:00Z", 100, 100);
        newsletter("06", "nov", "2026-11-03T08:00:00Z", 200, 200);
        newsletter("06", "old", "2024-01-03T08:00:00Z", 200, 200);
        add("06", "oct", Map.of(StatsKeys.UNIQUE_OPENS, 30L));
        add("06", "nov", Map.of(StatsKeys.UNIQUE_OPENS, 50L));
        FederationReport report = statistics.federation(federations.require("06"), year);
        assertEquals(2, report.newsletters().size());
        assertEquals("nov", report.newsletters().get(0).figures().id(), "newest first");
        assertEquals(80.0 / 300, report.totals().openRate(), 1e-9);
        assertEquals(13, report.months().size(), "November 2025 to November 2026");
        assertEquals(0.3, report.months().get(java.time.YearMonth.of(2026, 10)).openRate());
        assertEquals(0.25, report.months().get(java.time.YearMonth.of(2026, 11)).openRate());
        String csv = StatsCsv.federation(report);
        assertTrue(csv.startsWith("newsletter_id,subject,sent_at,recipients,"), csv);
        assertEquals(3, csv.split("\r\n").length);
    }

    @Test
    void theNationalRankingIsFairToSizeAndIgnoresMachines() {
        newsletter("06", "a", "2026-11-03T08:00:00Z", 5000, 5000);
        add("06", "a", Map.of(StatsKeys.UNIQUE_OPENS, 2500L));
        newsletter("13", "b", "2026-11-03T08:00:00Z", 40, 40);
        add("13", "b", Map.of(StatsKeys.UNIQUE_OPENS, 22L, StatsKeys.MACHINE_OPENS, 40L));
        newsletter("2A", "c", "2026-11-03T08:00:00Z", 10, 10);
        add("2A", "c", Map.of(StatsKeys.UNIQUE_OPENS, 10L));
        NationalReport report = statistics.national(year);
        assertEquals("06", report.federations().get(0).federation().id(), "50 % of 5000 beats 55 % of 40");
        assertEquals(1, report.federations().get(0).rank());
        assertEquals("13", report.federations().get(1).federation().id());
        NationalReport.Row corsica = report.federations().stream().filter(r -> r.federation().id().equals("2A")).findFirst().orElseThrow();
        assertNull(corsica.rank(), "10 measured recipients are too few to rank");
        assertEquals(102, report.federations().size());
        assertEquals(2532, report.totals().uniqueOpens());
        JsonNode json = StatsViews.national(report);
        assertEquals("06", json.at("/federations/0/id").asText());
        assertTrue(json.at("/federations/0/rates/openLowerBound").asDouble() > 0.48);
    }

    @Test
    void engagementRecommendsTheBusiestThreeHoursInParis() {
        Engagement e = new Engagement();
        e.add(Map.of(StatsKeys.engagement(DayOfWeek.TUESDAY, 18), 10L, StatsKeys.engagement(DayOfWeek.TUESDAY, 19), 8L,
                StatsKeys.engagement(DayOfWeek.TUESDAY, 20), 6L, StatsKeys.engagement(DayOfWeek.SUNDAY, 10), 15L));
        Engagement.SendTime t = e.recommended().orElseThrow();
        assertEquals(DayOfWeek.TUESDAY, t.day());
        assertEquals(18, t.hour());
        assertEquals(24, t.events());
        Engagement little = new Engagement();
        little.add(Map.of(StatsKeys.engagement(DayOfWeek.MONDAY, 9), 3L));
        assertTrue(little.recommended().isEmpty(), "too few events to say");
        assertEquals("e218", StatsKeys.engagement(Instant.parse("2026-11-24T17:30:00Z")), "CET in November");
        assertEquals("e219", StatsKeys.engagement(Instant.parse("2026-06-23T17:30:00Z")), "CEST in June");
    }

    @Test
    void csvCellsNeverBecomeFormulas() {
        newsletter("06", "nl1", "2026-11-10T08:00:00Z", 100, 40);
        String csv = StatsCsv.newsletter(statistics.newsletter(federations.require("06"), "nl1"));
        assertTrue(csv.contains("1,\"'=HYPERLINK(\"\"x\"\")\",0,0,0\r\n"), csv);
    }

    @Test
    void csvExportsAreSafeInASpreadsheetThatSplitsOnSemicolons() {
        store.newsletter("06", "nl2", "sent", Instant.parse("2026-11-10T08:00:00Z"),
                List.of("https://example.org/?a=1;=1+1", "https://example.org/b"), Map.of("delivered", 10L, "measured", 10L));
        String csv = StatsCsv.newsletter(statistics.newsletter(federations.require("06"), "nl2"));
        assertTrue(csv.contains("0,\"https://example.org/?a=1;=1+1\",0,0,0\r\n"), csv);
        assertTrue(csv.contains("\r\n1,https://example.org/b,0,0,0\r\n"), csv);
    }

    @Test
    void periodsAreCheckedWithTheirField() {
        assertEquals(new Period(LocalDate.parse("2025-11-25"), LocalDate.parse("2026-11-24")), year);
        ApiException e = assertThrows(ApiException.class, () -> Period.parse("2026-13-01", null, clock));
        assertEquals("from", e.field());
        assertEquals(400, e.status());
        assertEquals("from", assertThrows(ApiException.class, () -> Period.parse("2026-11-24", "2026-01-01", clock)).field());
        assertEquals("to", assertThrows(ApiException.class, () -> Period.parse(null, "hier", clock)).field());
        assertThrows(ApiException.class, () -> Period.parse("2000-01-01", "2026-01-01", clock));
    }

    /** java.time parses these, yet no report could be computed for them (its months overflow): a 400, not a 500. */
    @Test
    void datesBeyondTheYear9999OrBefore1970AreRefused() {
        assertEquals("to", assertThrows(ApiException.class, () -> Period.parse(null, "+999999999-12-31", clock)).field());
        assertEquals("from", assertThrows(ApiException.class, () -> Period.parse("-999999999-01-01", "2026-01-01", clock)).field());
        assertEquals("invalid_date", assertThrows(ApiException.class, () -> Period.parse("+10000-01-01", null, clock)).code());
        assertEquals(LocalDate.parse("9999-12-31"), Period.parse(null, "9999-12-31", clock).to());
    }

    @Test
    void wilsonLowerBoundIsCautiousForSmallSamples() {
        assertTrue(Rates.wilsonLower(22, 40) < Rates.wilsonLower(2500, 5000));
        assertNull(Rates.wilsonLower(0, 0));
        assertEquals(0.0, Rates.wilsonLower(0, 10));
    }
}
