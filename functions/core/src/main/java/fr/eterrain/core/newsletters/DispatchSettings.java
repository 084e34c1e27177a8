package fr.eterrain.core.newsletters;

import fr.eterrain.core.config.Settings;
import java.time.Duration;

/**
 * @param ratePerSecond   the account's SES send rate (GetAccount's MaxSendRate), shared by all federations
 * @param lease           how long a worker may hold a recipient in "sending": it sends only within the lease
 * @param reconcileAfter  after this, a recipient still "sending" with no SES Send event is sent again; must exceed
 *                        the lease plus one SES call and the Send event's delay, or a slow worker's message is doubled
 * @param budget          how long one invocation sends before handing over (below the Lambda timeout)
 * @param concurrency     recipients one worker sends at once: an SES call takes tens of milliseconds, so one at a
 *                        time would cap a worker far below the account's send rate
 */
public record DispatchSettings(int ratePerSecond, Duration lease, Duration reconcileAfter, Duration budget, int concurrency) {
    public DispatchSettings(int ratePerSecond, Duration lease, Duration reconcileAfter, Duration budget) {
        this(ratePerSecond, lease, reconcileAfter, budget, 1);
    }

    public static DispatchSettings from(Settings settings) {
        return new DispatchSettings(settings.integer("SES_MAX_SEND_RATE", 14),
                settings.duration("DISPATCH_LEASE", Duration.ofMinutes(2)),
                settings.duration("DISPATCH_RECONCILE_AFTER", Duration.ofMinutes(10)),
                settings.duration("DISPATCH_BUDGET", Duration.ofMinutes(13)),
                Math.max(1, settings.integer("DISPATCH_CONCURRENCY", 16)));
    }
}
