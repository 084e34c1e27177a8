package fr.eterrain.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrafficClassifierTest {
    private final TrafficClassifier classifier = new TrafficClassifier();
    private final Instant delivered = Instant.parse("2026-11-24T10:00:00Z");

    private Traffic open(String method, String agent, String ip) {
        return classifier.classify(false, new HitRequest(method, agent, ip), delivered.plusSeconds(2), delivered);
    }

    private Traffic click(String agent, long secondsAfterDelivery) {
        return classifier.classify(true, new HitRequest("GET", agent, "198.51.100.1"), delivered.plusSeconds(secondsAfterDelivery), delivered);
    }

    @Test
    void peopleInBrowsersAndMailAppsAreHuman() {
        assertEquals(Traffic.HUMAN, open("GET", TrackerTest.BROWSER, "198.51.100.1"));
        assertEquals(Traffic.HUMAN, open("GET", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "2a01:cb00::1"));
        assertEquals(Traffic.HUMAN, open("GET", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Thunderbird/131.0", "198.51.100.1"));
        assertEquals(Traffic.HUMAN, click(TrackerTest.BROWSER, 600));
    }

    @Test
    void privacyProxiesPrefetchImages() {
        assertEquals(Traffic.PRIVACY_PROXY, open("GET", "Mozilla/5.0", "203.0.113.1"), "Apple Mail Privacy Protection");
        assertEquals(Traffic.PRIVACY_PROXY, open("GET", TrackerTest.BROWSER, "17.120.4.8"), "Apple's network");
        assertEquals(Traffic.PRIVACY_PROXY, open("GET", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.84.1"));
        assertEquals(Traffic.PRIVACY_PROXY, open("GET", "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "98.136.1.1"));
    }

    @Test
    void scannersProbeFollowEverythingOrClickAtOnce() {
        assertEquals(Traffic.SCANNER, open("HEAD", TrackerTest.BROWSER, "198.51.100.1"));
        assertEquals(Traffic.SCANNER, open("GET", "", "198.51.100.1"));
        assertEquals(Traffic.SCANNER, open("GET", null, "198.51.100.1"));
        assertEquals(Traffic.SCANNER, click("Mozilla/5.0 (compatible; Barracuda Sentinel)", 600));
        assertEquals(Traffic.SCANNER, click("python-requests/2.32.3", 600));
        assertEquals(Traffic.SCANNER, click("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 600));
        assertEquals(Traffic.SCANNER, click("Microsoft Office Existence Discovery", 600));
        assertEquals(Traffic.SCANNER, click(TrackerTest.BROWSER, 5), "seconds after delivery");
        assertEquals(Traffic.SCANNER, click(TrackerTest.BROWSER, -30), "before the delivery notice arrived");
        assertEquals(Traffic.HUMAN, click(TrackerTest.BROWSER, TrafficClassifier.SCANNER_WINDOW.toSeconds()));
        assertEquals(Traffic.HUMAN, classifier.classify(true, new HitRequest("GET", TrackerTest.BROWSER, null),
                delivered, null), "no delivery time known: no time rule");
    }
}
