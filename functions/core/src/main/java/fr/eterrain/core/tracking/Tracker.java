package fr.eterrain.core.tracking;

import fr.eterrain.core.log.Log;
import fr.eterrain.core.tracking.TrackingStore.Increment;
import fr.eterrain.core.tracking.TrackingStore.NewsletterLinks;
import fr.eterrain.core.tracking.TrackingStore.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open pixel and the click redirect: one signature check, one read (the newsletter's links come from a
 * per-container cache once it is sent), then at most one write.
 *
 * <p>Consent is read at the moment of the hit: a person who withdrew audience measurement is no longer tracked,
 * even from emails sent before. Without consent a hit only adds to anonymous counters; machine traffic only to
 * machine counters; neither leaves anything about the person.
 */
public final class Tracker {
    private static final Log LOG = Log.of("Tracker");
    private static final int MAX_CACHED_NEWSLETTERS = 512;
    private static final int ATTEMPTS = 3;

    private final TrackingTokens tokens;
    private final TrackingStore store;
    private final TrafficClassifier classifier;
    private final Clock clock;
    private final Map<String, NewsletterLinks> cache = new ConcurrentHashMap<>();

    public Tracker(TrackingTokens tokens, TrackingStore store, TrafficClassifier classifier, Clock clock) {
        this.tokens = tokens;
        this.store = store;
        this.classifier = classifier;
        this.clock = clock;
    }

    public enum Outcome {
        /** Forged, truncated, of the wrong kind, or for a newsletter or link that does not exist. */
        INVALID,
        /** Attributed to the person, who consents to audience measurement. */
        PERSONAL,
        /** Counted without the person. */
        ANONYMOUS,
        /** Counted as machine traffic, apart from the rates. */
        MACHINE,
        /** Valid, but the table could not be reached or written: not counted, the redirect still works. */
        NOT_COUNTED
    }

    /** @param target for a valid click, the newsletter's own link to redirect to */
    public record Result(Outcome outcome, Traffic traffic, String target) {
        static final Result INVALID = new Result(Outcome.INVALID, null, null);
    }

    public Result open(String token, HitRequest request) {
        Optional<TrackingToken> t = tokens.verify(token).filter(TrackingToken::isPixel);
        return t.isEmpty() ? Result.INVALID : hit(t.get(), request);
    }

    public Result click(String token, HitRequest request) {
        Optional<TrackingToken> t = tokens.verify(token).filter(x -> !x.isPixel());
        return t.isEmpty() ? Result.INVALID : hit(t.get(), request);
    }

    private Result hit(TrackingToken t, HitRequest request) {
        boolean click = !t.isPixel();
        Instant at = clock.instant();
        List<String> markers = click
                ? List.of(StatsKeys.clickMarker(t.newsletterId()), StatsKeys.linkMarker(t.newsletterId(), t.linkIndex()))
                : List.of(StatsKeys.openMarker(t.newsletterId()));
        Result result = Result.INVALID;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String cacheKey = t.federation() + "#" + t.newsletterId();
            NewsletterLinks cached = cache.get(cacheKey);
            Snapshot snapshot;
            try {
                snapshot = store.read(t.federation(), t.newsletterId(), t.contactId(), markers, cached == null);
            } catch (RuntimeException e) {
                if (cached == null) {
                    throw e;
                }
                // The table is unavailable but we know where the link goes: the reader comes first.
                LOG.error("tracking read failed; hit not counted", e, "federation", t.federation(), "newsletter", t.newsletterId());
                return notCounted(t, cached);
            }
            NewsletterLinks newsletter = cached != null ? cached : snapshot.newsletter();
            if (newsletter == null || (click && t.linkIndex() >= newsletter.links().size())) {
                return Result.INVALID;
            }
            if (cached == null && newsletter.frozen()) {
                if (cache.size() >= MAX_CACHED_NEWSLETTERS) {
                    cache.clear();
                }
                cache.put(cacheKey, newsletter);
            }
            Traffic traffic = classifier.classify(click, request, at, snapshot.deliveredAt());
            result = new Result(outcome(traffic, snapshot), traffic, click ? newsletter.links().get(t.linkIndex()) : null);
            try {
                if (store.apply(increment(t, result.outcome(), snapshot, markers, at))) {
                    return result;
                }
            } catch (RuntimeException e) {
                LOG.error("tracking write failed; hit not counted", e, "federation", t.federation(), "newsletter", t.newsletterId());
                return result;
            }
        }
        // Markers kept appearing under us: the hit is not counted, the person still gets where they were going.
        LOG.warn("tracking hit not counted after retries", "federation", t.federation(), "newsletter", t.newsletterId());
        return result;
    }

    private static Result notCounted(TrackingToken t, NewsletterLinks links) {
        if (t.isPixel()) {
            return new Result(Outcome.NOT_COUNTED, null, null);
        }
        return t.linkIndex() < links.links().size()
                ? new Result(Outcome.NOT_COUNTED, null, links.links().get(t.linkIndex())) : Result.INVALID;
    }

    private static Outcome outcome(Traffic traffic, Snapshot snapshot) {
        if (traffic.isMachine()) {
            return Outcome.MACHINE;
        }
        return snapshot.audienceConsent() ? Outcome.PERSONAL : Outcome.ANONYMOUS;
    }

    private static Increment increment(TrackingToken t, Outcome outcome, Snapshot snapshot, List<String> markers, Instant at) {
        boolean click = !t.isPixel();
        int link = t.linkIndex();
        Map<String, Long> counters = new LinkedHashMap<>();
        List<String> newMarkers = new ArrayList<>();
        boolean touch = false;
        switch (outcome) {
            case MACHINE -> {
                counters.put(click ? StatsKeys.MACHINE_CLICKS : StatsKeys.MACHINE_OPENS, 1L);
                if (click) {
                    counters.put(StatsKeys.linkMachineClicks(link), 1L);
                }
            }
            case ANONYMOUS -> {
                counters.put(click ? StatsKeys.ANONYMOUS_CLICKS : StatsKeys.ANONYMOUS_OPENS, 1L);
                if (click) {
                    counters.put(StatsKeys.linkClicks(link), 1L);
                }
                counters.put(StatsKeys.engagement(at), 1L);
            }
            case PERSONAL -> {
                markers.stream().filter(m -> !snapshot.markers().contains(m)).forEach(newMarkers::add);
                if (click) {
                    counters.put(StatsKeys.CLICKS, 1L);
                    counters.put(StatsKeys.linkClicks(link), 1L);
                    if (newMarkers.contains(StatsKeys.clickMarker(t.newsletterId()))) {
                        counters.put(StatsKeys.UNIQUE_CLICKS, 1L);
                        touch = true;
                    }
                    if (newMarkers.contains(StatsKeys.linkMarker(t.newsletterId(), link))) {
                        counters.put(StatsKeys.linkUniqueClicks(link), 1L);
                    }
                } else {
                    counters.put(StatsKeys.OPENS, 1L);
                    if (!newMarkers.isEmpty()) {
                        counters.put(StatsKeys.UNIQUE_OPENS, 1L);
                    }
                }
                counters.put(StatsKeys.engagement(at), 1L);
            }
            default -> throw new IllegalStateException("nothing to count for " + outcome);
        }
        return new Increment(t.federation(), t.newsletterId(), counters,
                outcome == Outcome.PERSONAL ? t.contactId() : null, newMarkers, touch, at);
    }
}
