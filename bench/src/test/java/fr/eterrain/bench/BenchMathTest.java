package fr.eterrain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic the report's figures rest on. */
class BenchMathTest {
    @Test
    void percentilesAreNearestRank() {
        Samples s = new Samples();
        for (int i = 1; i <= 200; i++) {
            s.add(i * 1_000L);
        }
        assertEquals(100_000, s.percentile(50));
        assertEquals(198_000, s.percentile(99));
        assertEquals(200_000, s.percentile(100));
        assertEquals(100.0, s.medianMicros());
    }

    @Test
    void figuresKeepThreeSignificantDigitsWithoutExponent() {
        assertEquals("0.0123", Report.format(0.012345));
        assertEquals("4.57", Report.format(4.567));
        assertEquals("45.7", Report.format(45.67));
        assertEquals("123 457", Report.format(123_456.7));
        assertEquals("0", Report.format(0));
    }

    @Test
    void rowsWithoutReferenceHaveNoRatio() {
        Report report = new Report();
        Report.Section section = report.section("t", "m").row("a", 2, "s", 4.0, "ref", null).row("b", 1, "s");
        assertEquals(0.5, section.rows().get(0).ratio());
        assertNull(section.rows().get(1).ratio());
        assertTrue(report.markdown().contains("| a | 2.00 s | 4.00 s (ref) | 0.50 |"));
    }

    @Test
    void theSinkFindsTheRecipientInAnSesRequest() {
        byte[] body = "{\"Destination\":{\"ToAddresses\":[\"a-1@example.org\"]},\"Content\":{}}".getBytes(StandardCharsets.UTF_8);
        assertEquals("a-1@example.org", SesSink.recipient(body));
        assertNull(SesSink.recipient("{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCampaignCostsSesPlusWhatEachMeasuredUnitCosts() {
        CostModel.Inputs nothingButSes = new CostModel.Inputs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1024, 0, 0, 1024, 0, 512);
        List<CostModel.Line> lines = CostModel.campaign(100_000, nothingButSes);
        // SES, plus the per-request charges that do not depend on measured figures (API Gateway, Lambda requests, events).
        double hits = 100_000 * (0.35 * 1.6 + 0.04 * 1.3);
        double expected = 10.0 + hits * (1.0 + 0.2) / 1e6 + 200_000 * (1.0 + 0.2) / 1e6;
        assertEquals(expected, CostModel.total(lines), 1e-9);

        CostModel.Inputs oneWritePerRecipient = new CostModel.Inputs(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1024, 0, 0, 1024, 0, 512);
        assertEquals(100_000 * 0.625 / 1e6, CostModel.total(CostModel.campaign(100_000, oneWritePerRecipient)) - expected, 1e-9);
        assertEquals(3.0, CostModel.billedMillis(2.01));
    }
}
