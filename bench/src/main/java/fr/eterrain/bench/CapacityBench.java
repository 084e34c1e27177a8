package fr.eterrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.FeedbackService;
import fr.eterrain.core.newsletters.NewsletterRenderer;
import fr.eterrain.core.tracking.HitRequest;
import fr.eterrain.core.tracking.Tracker;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB capacity units per recipient sent, per SES event, per open and per click, as DynamoDB reports them
 * ({@code ReturnConsumedCapacity=TOTAL} on every call), then the cost of a 100,000-recipient campaign.
 */
final class CapacityBench implements Measurement {
    private static final int RECIPIENTS = 1_000;
    private static final long CAMPAIGN = 100_000;

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        try (SesSink sink = new SesSink()) {
            Settings settings = context.settings().with(Map.of("AWS_ENDPOINT_URL_SESV2", sink.url(), "SES_MAX_SEND_RATE", "1000000"));
            CapacityMeter meter = new CapacityMeter();
            Platform plain = new Platform(settings, Clock.systemUTC());
            Platform metered = new Platform(settings, Clock.systemUTC(), meter);
            String fed = "31";

            Campaigns.seed(plain, fed, "capacity", RECIPIENTS);
            CapacityMeter.Usage before = meter.snapshot();
            long t0 = System.nanoTime();
            String id = Campaigns.send(metered, fed, "capacity");
            Campaigns.dispatch(metered, fed, id);
            double dispatchSeconds = (System.nanoTime() - t0) / 1e9;
            CapacityMeter.Usage dispatch = meter.snapshot().minus(before);
            List<String> recipients = Campaign.recipients(plain, fed, "capacity");

            // SES's Send and Delivery events for every email, as the feedback function handles them.
            FeedbackService feedback = metered.feedback();
            before = meter.snapshot();
            long f0 = System.nanoTime();
            for (String contact : recipients) {
                feedback.handle(sesEvent("Send", fed, id, contact));
                feedback.handle(sesEvent("Delivery", fed, id, contact));
            }
            double feedbackMillis = (System.nanoTime() - f0) / 1e6 / (2.0 * recipients.size());
            CapacityMeter.Usage events = meter.snapshot().minus(before);

            // People open and click well after delivery; with consent for half of them (as seeded).
            Platform later = new Platform(settings, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)), meter);
            Tracker tracker = later.tracker();
            TrackingLinks links = later.trackingLinks();
            HitRequest person = new HitRequest("GET", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/140.0", "198.51.100.7");
            CapacityMeter.Usage firstOpens = measure(meter, () -> recipients.forEach(c ->
                    tracker.open(TrackingBench.token(links.pixel(fed, id, c)), person)));
            CapacityMeter.Usage repeatOpens = measure(meter, () -> recipients.forEach(c ->
                    tracker.open(TrackingBench.token(links.pixel(fed, id, c)), person)));
            CapacityMeter.Usage firstClicks = measure(meter, () -> recipients.forEach(c ->
                    tracker.click(TrackingBench.token(links.click(fed, id, c, 0)), person)));
            CapacityMeter.Usage repeatClicks = measure(meter, () -> recipients.forEach(c ->
                    tracker.click(TrackingBench.token(links.click(fed, id, c, 0)), person)));

            double n = recipients.size();
            Report.Section s = report.section("DynamoDB capacity per unit of work",
                    "A " + RECIPIENTS + "-recipient newsletter sent through the real dispatcher with ReturnConsumedCapacity=TOTAL"
                            + " added to every DynamoDB call (an SDK interceptor), as DynamoDB Local reports it. Write units"
                            + " are counted on writes, read units on reads. Half the recipients consent to audience measurement"
                            + " (per-person markers are kept only for them).");
            s.row("Per recipient sent (audience, claim, send, mark sent)", dispatch.writeUnits() / n, "WRU", 4.0,
                    "target (issue 15)", Report.format(dispatch.readUnits() / n) + " RRU; calls per recipient: " + dispatch.callsPer(n)
                            + "; target ≤ 4 WRU: " + (dispatch.writeUnits() / n <= 4 ? "met" : "MISSED"));
            s.row("Per SES event (Send, Delivery)", events.writeUnits() / (2 * n), "WRU", null, null,
                    Report.format(events.readUnits() / (2 * n)) + " RRU; calls: " + events.callsPer(2 * n));
            s.row("Per first open", firstOpens.writeUnits() / n, "WRU", null, null,
                    Report.format(firstOpens.readUnits() / n) + " RRU; calls: " + firstOpens.callsPer(n));
            s.row("Per repeat open", repeatOpens.writeUnits() / n, "WRU", null, null,
                    Report.format(repeatOpens.readUnits() / n) + " RRU; calls: " + repeatOpens.callsPer(n));
            s.row("Per first click", firstClicks.writeUnits() / n, "WRU", null, null,
                    Report.format(firstClicks.readUnits() / n) + " RRU; calls: " + firstClicks.callsPer(n));
            s.row("Per repeat click", repeatClicks.writeUnits() / n, "WRU", null, null,
                    Report.format(repeatClicks.readUnits() / n) + " RRU; calls: " + repeatClicks.callsPer(n));
            if (dispatch.writeUnits() == 0 && dispatch.totalCalls() > 0) {
                s.note("**DynamoDB did not report consumed capacity**: the figures above are not measured.");
            }

            Wiring wiring = Wiring.load();
            CostModel.Inputs inputs = new CostModel.Inputs(
                    dispatch.writeUnits() / n, dispatch.readUnits() / n,
                    events.writeUnits() / (2 * n), events.readUnits() / (2 * n),
                    firstOpens.writeUnits() / n, firstOpens.readUnits() / n, repeatOpens.writeUnits() / n, repeatOpens.readUnits() / n,
                    firstClicks.writeUnits() / n, firstClicks.readUnits() / n, repeatClicks.writeUnits() / n, repeatClicks.readUnits() / n,
                    context.figure("dispatch.seconds.per.recipient", dispatchSeconds / n), memory(wiring, "dispatcher"),
                    context.figure("pixel.median.ms", 5), context.figure("redirect.median.ms", 5), memory(wiring, "pixel"),
                    feedbackMillis, memory(wiring, "feedback"));
            List<CostModel.Line> lines = CostModel.campaign(CAMPAIGN, inputs);
            Report.Section cost = report.section("Cost of a 100 000-recipient campaign",
                    "Measured capacity units and handler times × public list prices (USD, US East on-demand; Paris is a little"
                            + " higher: see bench/src/main/java/fr/eterrain/bench/CostModel.java). Assumed behaviour, not measured: "
                            + Math.round(CostModel.UNIQUE_OPEN_RATE * 100) + " % of recipients open " + CostModel.OPENS_PER_OPENER
                            + " times each, " + Math.round(CostModel.UNIQUE_CLICK_RATE * 100) + " % click " + CostModel.CLICKS_PER_CLICKER
                            + " times each; two SES events per email. Dispatcher duration is this machine's wall time per recipient"
                            + " on DynamoDB Local (" + Report.format(inputs.dispatchSecondsPerRecipient() * 1000) + " ms), billed at "
                            + inputs.dispatcherMemoryMb() + " MB; handler durations are the tracking medians above, rounded up to"
                            + " the millisecond as Lambda bills. Storage, logs and the free tier are left out.");
            for (CostModel.Line line : lines) {
                cost.row(line.item(), line.usd(), "USD", null, null, line.quantity());
            }
            double total = CostModel.total(lines);
            cost.row("Total", total, "USD", CAMPAIGN * CostModel.SES_PER_EMAIL, "SES alone", "per campaign");
            cost.row("Per 1000 recipients", total / CAMPAIGN * 1000, "USD", null, null, null);
            System.out.printf("   %.2f WRU per recipient, campaign total $%.2f%n", dispatch.writeUnits() / n, total);
        }
    }

    private static CapacityMeter.Usage measure(CapacityMeter meter, Runnable work) {
        CapacityMeter.Usage before = meter.snapshot();
        work.run();
        return meter.snapshot().minus(before);
    }

    private static int memory(Wiring wiring, String function) {
        return wiring.functions().get(function).memoryMb();
    }

    /** An SES event record as EventBridge delivers its detail: what the feedback function reads of it. */
    private static JsonNode sesEvent(String type, String fed, String newsletter, String contact) {
        ObjectNode detail = Json.object();
        detail.put("eventType", type);
        ObjectNode mail = detail.putObject("mail");
        mail.put("messageId", "sink-" + contact);
        mail.putArray("headers").addObject().put("name", NewsletterRenderer.MESSAGE_HEADER)
                .put("value", fed + "." + newsletter + "." + contact);
        return detail;
    }
}
