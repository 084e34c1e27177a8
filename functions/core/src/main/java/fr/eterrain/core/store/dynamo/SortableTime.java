package fr.eterrain.core.store.dynamo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants in sort keys, always with milliseconds ({@code 2026-11-24T10:00:00.000Z}): Instant.toString drops
 * zero fractions, and "…00Z" sorts after "…00.5Z" although it is earlier.
 */
final class SortableTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    static String of(Instant at) {
        return FORMAT.format(at.truncatedTo(ChronoUnit.MILLIS));
    }
}
