package fr.eterrain.core.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.contacts.ContactStore;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterState;
import fr.eterrain.core.newsletters.NewsletterStore;
import fr.eterrain.core.newsletters.Reputation;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A federation at a glance, for the console's home: its contacts by status and category, their growth month by
 * month over the last 12 months, and what needs attention (drafts, scheduled sends, a reputation pause). Counts
 * only: no contact's data leaves this class.
 */
public final class FederationSummary {
    static final int MONTHS = 12;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final ContactStore contacts;
    private final NewsletterStore newsletters;
    private final Reputation reputation;
    private final Clock clock;

    public FederationSummary(ContactStore contacts, NewsletterStore newsletters, Reputation reputation, Clock clock) {
        this.contacts = contacts;
        this.newsletters = newsletters;
        this.reputation = reputation;
        this.clock = clock;
    }

    /** Per month: contacts added, confirmed (double opt-in or proven consent) and unsubscribed. */
    private record Month(long[] counts) {
        Month() {
            this(new long[3]);
        }
    }

    public ObjectNode of(String federation) {
        Map<ContactStatus, Long> byStatus = new EnumMap<>(ContactStatus.class);
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (ContactStatus s : ContactStatus.values()) {
            byStatus.put(s, 0L);
        }
        for (Category c : Category.values()) {
            byCategory.put(c.wire(), 0L);
        }
        byCategory.put("none", 0L);
        YearMonth now = YearMonth.now(clock.withZone(PARIS));
        YearMonth first = now.minusMonths(MONTHS - 1);
        Map<YearMonth, Month> growth = new LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(now); m = m.plusMonths(1)) {
            growth.put(m, new Month());
        }
        long[] total = {0};
        contacts.forEach(federation, c -> {
            total[0]++;
            byStatus.merge(c.getStatus(), 1L, Long::sum);
            byCategory.merge(c.getCategory() == null ? "none" : c.getCategory().wire(), 1L, Long::sum);
            count(growth, c.getCreatedAt(), 0);
            count(growth, c.getConfirmedAt(), 1);
            count(growth, c.getUnsubscribedAt(), 2);
        });

        ObjectNode body = Json.object();
        body.put("federation", federation);
        body.put("at", clock.instant().toString());
        ObjectNode contactsNode = body.putObject("contacts");
        contactsNode.put("total", total[0]);
        ObjectNode statusNode = contactsNode.putObject("byStatus");
        byStatus.forEach((s, n) -> statusNode.put(s.wire(), n));
        ObjectNode categoryNode = contactsNode.putObject("byCategory");
        byCategory.forEach(categoryNode::put);
        ArrayNode months = contactsNode.putArray("growth");
        growth.forEach((m, counts) -> months.addObject().put("month", m.toString()).put("added", counts.counts()[0])
                .put("confirmed", counts.counts()[1]).put("unsubscribed", counts.counts()[2]));

        ObjectNode attention = body.putObject("attention");
        List<Newsletter> drafts = new ArrayList<>();
        List<Newsletter> scheduled = new ArrayList<>();
        List<Newsletter> sending = new ArrayList<>();
        for (Newsletter nl : newsletters.list(federation, 100)) {
            if (nl.getState() == NewsletterState.DRAFT) {
                drafts.add(nl);
            } else if (nl.getState() == NewsletterState.SCHEDULED) {
                scheduled.add(nl);
            } else if (nl.getState() == NewsletterState.SENDING || nl.getState() == NewsletterState.PAUSED) {
                sending.add(nl);
            }
        }
        scheduled.sort(java.util.Comparator.comparing(n -> n.getScheduledAt() == null ? Instant.MAX : n.getScheduledAt()));
        attention.set("drafts", items(drafts));
        attention.set("scheduled", items(scheduled));
        attention.set("sending", items(sending));
        ObjectNode pause = attention.putObject("sendingPause");
        String reason = reputation.paused(federation).orElse(null);
        pause.put("paused", reason != null);
        pause.put("reason", reason);
        return body;
    }

    private static void count(Map<YearMonth, Month> growth, Instant at, int index) {
        if (at != null) {
            Month month = growth.get(YearMonth.from(at.atZone(PARIS)));
            if (month != null) {
                month.counts()[index]++;
            }
        }
    }

    private static ArrayNode items(List<Newsletter> list) {
        ArrayNode out = Json.array();
        list.forEach(nl -> out.addObject().put("id", nl.getId()).put("subject", nl.getSubject())
                .put("state", nl.getState().wire())
                .put("stateReason", nl.getStateReason())
                .put("scheduledAt", nl.getScheduledAt() == null ? null : nl.getScheduledAt().toString())
                .put("updatedAt", nl.getUpdatedAt() == null ? null : nl.getUpdatedAt().toString()));
        return out;
    }
}
