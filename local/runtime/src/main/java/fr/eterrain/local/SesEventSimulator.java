package fr.eterrain.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What SES's configuration set would publish to EventBridge, made from what the SES emulator stored: a Send
 * event for every message, then a Delivery — or, for the mailbox simulator's addresses, a permanent Bounce
 * ({@code bounce@simulator.amazonses.com}) or a Complaint ({@code complaint@…}). So the feedback loop runs
 * locally exactly as in AWS.
 */
public final class SesEventSimulator implements AutoCloseable {
    private final String sesUrl;
    private final EventDispatcher dispatcher;
    private final String busName;
    private final Set<String> seen = new HashSet<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("ses-events"));

    public SesEventSimulator(String sesUrl, EventDispatcher dispatcher, String busName) {
        this.sesUrl = sesUrl;
        this.dispatcher = dispatcher;
        this.busName = busName;
        poller.scheduleWithFixedDelay(this::pollQuietly, 300, 300, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            Console.info("ses events: " + e.getMessage());
        }
    }

    /** Publishes the events of every message not seen yet; tests call it to be sure the bus has them. */
    public synchronized int drain() {
        int published = 0;
        for (JsonNode email : SesEmulator.store(sesUrl).path("emails")) {
            String messageId = email.path("messageId").asText();
            if (!seen.add(messageId)) {
                continue;
            }
            ObjectNode mail = mail(email);
            dispatch("Email Sent", "Send", mail, null, null);
            for (JsonNode to : email.path("destination").path("to")) {
                String address = to.asText().toLowerCase(Locale.ROOT);
                if (address.contains("bounce@simulator.amazonses.com")) {
                    ObjectNode bounce = Json.object().put("bounceType", "Permanent").put("bounceSubType", "General")
                            .put("timestamp", Instant.now().toString());
                    bounce.putArray("bouncedRecipients").addObject().put("emailAddress", to.asText());
                    dispatch("Email Bounced", "Bounce", mail, "bounce", bounce);
                } else if (address.contains("complaint@simulator.amazonses.com")) {
                    ObjectNode complaint = Json.object().put("complaintFeedbackType", "abuse").put("timestamp", Instant.now().toString());
                    complaint.putArray("complainedRecipients").addObject().put("emailAddress", to.asText());
                    dispatch("Email Delivered", "Delivery", mail, "delivery", delivery(to.asText()));
                    dispatch("Email Complaint Received", "Complaint", mail, "complaint", complaint);
                } else {
                    dispatch("Email Delivered", "Delivery", mail, "delivery", delivery(to.asText()));
                }
            }
            published++;
        }
        return published;
    }

    private static ObjectNode delivery(String recipient) {
        ObjectNode delivery = Json.object().put("timestamp", Instant.now().toString()).put("smtpResponse", "250 2.0.0 OK");
        delivery.putArray("recipients").add(recipient);
        return delivery;
    }

    private static ObjectNode mail(JsonNode email) {
        ObjectNode mail = Json.object();
        mail.put("timestamp", Instant.ofEpochSecond(email.path("at").asLong(Instant.now().getEpochSecond())).toString());
        mail.put("messageId", email.path("messageId").asText());
        mail.put("source", email.path("from").asText());
        mail.set("destination", email.path("destination").path("to").deepCopy());
        mail.put("headersTruncated", false);
        ArrayNode headers = mail.putArray("headers");
        email.path("headers").forEach(h -> headers.add(h.deepCopy()));
        mail.putObject("tags");
        return mail;
    }

    private void dispatch(String detailType, String eventType, ObjectNode mail, String field, ObjectNode body) {
        ObjectNode detail = Json.object();
        detail.put("eventType", eventType);
        detail.set("mail", mail);
        if (field != null) {
            detail.set(field, body);
        }
        dispatcher.dispatch(new EventDispatcher.Entry("aws.ses", detailType, detail, busName));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
