package fr.eterrain.core.selection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.content.ContentLibrary;
import fr.eterrain.core.content.ContentLinks;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.events.EventPublisher.DomainEvent;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.log.Log;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the selection of a period: once. The first run scores the contents approved during the period
 * ({@link SelectionPolicy}), stores the selection with its newsletter draft under the period's key (a
 * conditional write: concurrent or repeated runs keep the first), then publishes SelectionPublished; every
 * later run returns the stored selection, and publishes it only if the first run stopped before doing so.
 */
public final class Selections {
    public static final String SOURCE = "eterrain.contents";
    public static final String PUBLISHED = "SelectionPublished";
    private static final Log LOG = Log.of("Selections");

    private final ContentLibrary library;
    private final SelectionStore store;
    private final EventPublisher events;
    private final FederationRegistry federations;
    private final ContentLinks links;
    private final String baseUrl;
    private final Clock clock;

    public Selections(ContentLibrary library, SelectionStore store, EventPublisher events, FederationRegistry federations,
                      ContentLinks links, String baseUrl, Clock clock) {
        this.library = library;
        this.store = store;
        this.events = events;
        this.federations = federations;
        this.links = links;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    public record Run(Selection selection, boolean created) {
    }

    public Run run(SelectionPeriod period) {
        Optional<Selection> stored = store.find(period.label());
        boolean created = false;
        Selection selection;
        if (stored.isPresent()) {
            selection = stored.get();
        } else {
            List<SelectionItem> items = SelectionPolicy.select(library.approvedBetween(period.start(), period.end()), period);
            Selection fresh = new Selection(period, clock.instant(), SelectionPolicy.VERSION, items,
                    SelectionDraft.build(period, items, federations, links), null);
            created = store.create(fresh);
            selection = created ? fresh : store.find(period.label()).orElseThrow();
        }
        if (selection.publishedAt() == null && !selection.items().isEmpty()) {
            events.publish(List.of(new DomainEvent(SOURCE, PUBLISHED, published(selection))));
            Instant at = clock.instant();
            store.markPublished(period.label(), at);
            selection = new Selection(selection.period(), selection.generatedAt(), selection.scoreVersion(),
                    selection.items(), selection.draft(), at);
        }
        LOG.info("selection", "period", period.label(), "created", created, "items", selection.items().size());
        return new Run(selection, created);
    }

    /** The event's detail: the draft, plus where the selection is and when it was made. */
    ObjectNode published(Selection selection) {
        ObjectNode detail = ((ObjectNode) selection.draft()).deepCopy();
        detail.put("start", selection.period().start().toString());
        detail.put("end", selection.period().end().toString());
        detail.put("generatedAt", selection.generatedAt().toString());
        detail.put("scoreVersion", selection.scoreVersion());
        detail.put("selectionUrl", baseUrl + "/v1/selections/" + selection.period().label());
        return detail;
    }

    public Optional<Selection> find(String period) {
        return store.find(period);
    }

    /** The latest of this cadence, or of either when null. */
    public Optional<Selection> latest(Cadence cadence) {
        if (cadence != null) {
            return store.latest(cadence);
        }
        Optional<Selection> weekly = store.latest(Cadence.WEEKLY);
        Optional<Selection> monthly = store.latest(Cadence.MONTHLY);
        if (weekly.isEmpty() || monthly.isEmpty()) {
            return weekly.or(() -> monthly);
        }
        return weekly.get().period().end().isAfter(monthly.get().period().end()) ? weekly : monthly;
    }
}
