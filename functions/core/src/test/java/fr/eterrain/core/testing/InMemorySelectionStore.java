package fr.eterrain.core.testing;

import fr.eterrain.core.selection.Cadence;
import fr.eterrain.core.selection.Selection;
import fr.eterrain.core.selection.SelectionStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Selections in memory, written once per period like the conditional put. */
public final class InMemorySelectionStore implements SelectionStore {
    public final Map<String, Selection> selections = new LinkedHashMap<>();
    public int creates;

    @Override
    public synchronized boolean create(Selection selection) {
        creates++;
        return selections.putIfAbsent(selection.period().label(), selection) == null;
    }

    @Override
    public synchronized Optional<Selection> find(String period) {
        return Optional.ofNullable(selections.get(period));
    }

    @Override
    public synchronized Optional<Selection> latest(Cadence cadence) {
        return selections.values().stream().filter(s -> s.period().cadence() == cadence)
                .max(Comparator.comparing(s -> s.period().start()));
    }

    @Override
    public synchronized void markPublished(String period, Instant at) {
        Selection s = selections.get(period);
        if (s != null && s.publishedAt() == null) {
            selections.put(period, new Selection(s.period(), s.generatedAt(), s.scoreVersion(), s.items(), s.draft(), at));
        }
    }
}
