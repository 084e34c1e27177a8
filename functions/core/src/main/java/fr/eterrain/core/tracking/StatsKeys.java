package fr.eterrain.core.tracking;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Where tracking lives in the federation table, and the names of its counters.
 * <ul>
 *   <li>{@code NEWSLETTER#<id>} / {@code STATS}: the newsletter's aggregate counters, kept for good (no person in
 *   them): {@link #OPENS}, {@link #UNIQUE_OPENS}… per link {@code l<i>t} (human clicks), {@code l<i>u} (unique
 *   consenting clickers), {@code l<i>m} (machine clicks), and human activity per weekday and hour in Europe/Paris,
 *   {@code e<isoWeekday><HH>} ({@code e118} = Monday 18:00–18:59).</li>
 *   <li>{@code CONTACT#<contactId>} / {@code TRACK#<newsletterId>#OPEN|CLICK|CLICK#<i>|UNSUB}: per-person markers
 *   (first open, first click, first click on link i, unsubscribed from that newsletter), only for contacts holding
 *   audience-measurement consent (UNSUB: for everyone), with TTL {@code expiresAt} 13 months. Under the
 *   contact's own partition, so an erasure removes them with the rest.</li>
 * </ul>
 */
public final class StatsKeys {
    public static final String STATS = "STATS";
    public static final String MARKER_PREFIX = "TRACK#";
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Per-person tracking events expire after this many months; aggregates stay. */
    public static final int RETENTION_MONTHS = 13;

    public static final String OPENS = "opens";
    public static final String UNIQUE_OPENS = "uniqueOpens";
    public static final String ANONYMOUS_OPENS = "anonymousOpens";
    public static final String MACHINE_OPENS = "machineOpens";
    public static final String CLICKS = "clicks";
    public static final String UNIQUE_CLICKS = "uniqueClicks";
    public static final String ANONYMOUS_CLICKS = "anonymousClicks";
    public static final String MACHINE_CLICKS = "machineClicks";
    public static final String UNSUBSCRIBES = "unsubscribes";

    private StatsKeys() {
    }

    public static String openMarker(String newsletterId) {
        return MARKER_PREFIX + newsletterId + "#OPEN";
    }

    public static String clickMarker(String newsletterId) {
        return MARKER_PREFIX + newsletterId + "#CLICK";
    }

    public static String linkMarker(String newsletterId, int linkIndex) {
        return MARKER_PREFIX + newsletterId + "#CLICK#" + linkIndex;
    }

    public static String unsubscribeMarker(String newsletterId) {
        return MARKER_PREFIX + newsletterId + "#UNSUB";
    }

    /** Whether a per-person marker is audience measurement, kept only with consent ({@code UNSUB} is for everyone). */
    public static boolean needsConsent(String marker) {
        return !marker.endsWith("#UNSUB");
    }

    public static String linkClicks(int index) {
        return "l" + index + "t";
    }

    public static String linkUniqueClicks(int index) {
        return "l" + index + "u";
    }

    public static String linkMachineClicks(int index) {
        return "l" + index + "m";
    }

    /** The engagement cell of a moment, in Paris time. */
    public static String engagement(Instant at) {
        ZonedDateTime paris = at.atZone(PARIS);
        return engagement(paris.getDayOfWeek(), paris.getHour());
    }

    public static String engagement(DayOfWeek day, int hour) {
        return "e" + day.getValue() + (hour < 10 ? "0" : "") + hour;
    }

    /** TTL of a per-person marker written at {@code at}, in epoch seconds. */
    public static long expiresAt(Instant at) {
        return at.atZone(ZoneOffset.UTC).plusMonths(RETENTION_MONTHS).toEpochSecond();
    }
}
