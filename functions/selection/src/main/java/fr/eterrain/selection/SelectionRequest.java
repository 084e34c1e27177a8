package fr.eterrain.selection;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.selection.Cadence;
import fr.eterrain.core.selection.SelectionPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which periods a run selects, from the schedule's payload (events/SelectionRun). */
final class SelectionRequest {
    record Due(SelectionPeriod period) {
    }

    private SelectionRequest() {
    }

    /**
     * An explicit period wins; else the cadence's period that just ended; without either, what is due today
     * (weekly always, monthly on the 1st): two schedules firing on a Monday the 1st both do both, harmlessly.
     */
    static List<Due> due(String cadence, String period, Instant now, boolean localStage) {
        if (period != null) {
            SelectionPeriod asked = SelectionPeriod.parse(period).orElseThrow(() -> ApiException.badRequest("invalid_period",
                    "period must be an ISO week (2026-W48) or a month (2026-11).", "period"));
            if (cadence != null && !cadence.equals(asked.cadence().wire())) {
                throw ApiException.badRequest("cadence_mismatch", "period " + period + " is not a " + cadence + " period.", "period");
            }
            // A running period would be frozen half-way: only for demos on the local and test stages.
            if (!asked.endedBy(now) && !localStage) {
                throw ApiException.badRequest("period_not_ended", "period " + period + " has not ended yet.", "period");
            }
            return List.of(new Due(asked));
        }
        List<Cadence> cadences = cadence == null ? cadencesDue(now) : List.of(Cadence.parse(cadence).orElseThrow());
        List<Due> due = new ArrayList<>();
        cadences.forEach(c -> due.add(new Due(SelectionPeriod.justEnded(c, now))));
        return due;
    }

    static List<Cadence> cadencesDue(Instant now) {
        return now.atZone(SelectionPeriod.PARIS).getDayOfMonth() == 1 ? List.of(Cadence.WEEKLY, Cadence.MONTHLY)
                : List.of(Cadence.WEEKLY);
    }
}
