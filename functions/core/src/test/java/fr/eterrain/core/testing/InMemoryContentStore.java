package fr.eterrain.core.testing;

import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentKind;
import fr.eterrain.core.content.ContentLibrary;
import fr.eterrain.core.content.ContentPage;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.content.ContentStatus;
import fr.eterrain.core.content.ContentStore;
import fr.eterrain.core.content.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Contents, decisions, engagement markers and the approved projection in memory, with the DynamoDB store's
 * rules: versioned updates, decision and projection in the same step, counters once per marker.
 */
public final class InMemoryContentStore implements ContentStore, ContentLibrary {
    public final Map<ContentRef, Content> contents = new LinkedHashMap<>();
    public final Map<ContentRef, List<Decision>> decisions = new LinkedHashMap<>();
    /** The national library. */
    public final Map<ContentRef, Content> library = new LinkedHashMap<>();
    /** HQ's review queue. */
    public final Map<ContentRef, Content> review = new LinkedHashMap<>();
    public final Set<String> markers = new HashSet<>();
    public final Map<String, Integer> quotas = new HashMap<>();
    public final Map<ContentRef, Integer> intakeAttempts = new HashMap<>();

    @Override
    public synchronized void create(Content c) {
        if (contents.putIfAbsent(c.ref(), withVersion(c, c.version() + 1)) != null) {
            throw new IllegalStateException("duplicate content " + c.ref());
        }
    }

    @Override
    public synchronized Optional<Content> find(String federation, String id) {
        return Optional.ofNullable(contents.get(new ContentRef(federation, id)));
    }

    @Override
    public synchronized ContentPage list(String federation, ContentStatus status, ContentKind kind, String cursor, int limit) {
        List<Content> all = contents.values().stream().filter(c -> c.federation().equals(federation))
                .filter(c -> status == null || c.status() == status).filter(c -> kind == null || c.kind() == kind)
                .sorted(Comparator.comparing(Content::createdAt).reversed()).toList();
        return page(all, cursor, limit);
    }

    @Override
    public synchronized boolean update(Content updated, Decision decision) {
        Content stored = contents.get(updated.ref());
        if (stored == null || stored.version() != updated.version()) {
            return false;
        }
        // Counters are not the updater's to set, as in DynamoDB.
        Content saved = new Content(updated.id(), updated.federation(), updated.title(), updated.kind(), updated.description(),
                updated.tags(), updated.credits(), updated.rights(), updated.proposerName(), updated.file(), updated.status(),
                updated.objectKey(), updated.thumbnailKey(), updated.rejection(), updated.createdAt(), updated.updatedAt(),
                updated.submittedAt(), updated.approvedAt(), updated.expiresAt(), stored.engagement(), updated.national(),
                updated.version() + 1);
        contents.put(saved.ref(), saved);
        if (decision != null) {
            decisions.computeIfAbsent(saved.ref(), k -> new ArrayList<>()).add(decision);
        }
        if (saved.inLibrary() || saved.awaitingNationalReview()) {
            (saved.inLibrary() ? library : review).put(saved.ref(), projection(saved));
            (saved.inLibrary() ? review : library).remove(saved.ref());
        } else if (decision != null) {
            library.remove(saved.ref());
            review.remove(saved.ref());
        }
        return true;
    }

    @Override
    public synchronized List<Decision> decisions(String federation, String id) {
        return List.copyOf(decisions.getOrDefault(new ContentRef(federation, id), List.of()));
    }

    @Override
    public synchronized int intakeAttempt(ContentRef ref) {
        Content c = contents.get(ref);
        if (c == null || c.status() != ContentStatus.AWAITING_UPLOAD) {
            return 0;
        }
        return intakeAttempts.merge(ref, 1, Integer::sum);
    }

    @Override
    public synchronized Engaged engage(ContentRef ref, String counter, String marker, long amount, Instant at, Instant expiresAt,
                                       Quota quota) {
        if (markers.contains(ref + "|" + marker)) {
            return Engaged.ALREADY_COUNTED;
        }
        Content c = contents.get(ref);
        if (c == null || !c.inLibrary()) {
            return Engaged.NOT_APPROVED;
        }
        if (quota != null && quotas.getOrDefault(ref + "|" + quota.marker(), 0) >= quota.max()) {
            return Engaged.OVER_QUOTA;
        }
        if (quota != null) {
            quotas.merge(ref + "|" + quota.marker(), 1, Integer::sum);
        }
        markers.add(ref + "|" + marker);
        Content.Engagement e = c.engagement();
        Content.Engagement next = switch (counter) {
            case "relays" -> new Content.Engagement(e.relays() + amount, e.likes(), e.clicks());
            case "likes" -> new Content.Engagement(e.relays(), e.likes() + amount, e.clicks());
            case "clicks" -> new Content.Engagement(e.relays(), e.likes(), e.clicks() + amount);
            default -> throw new IllegalArgumentException(counter);
        };
        Content counted = withEngagement(c, next);
        contents.put(ref, counted);
        library.put(ref, projection(counted));
        return Engaged.COUNTED;
    }

    @Override
    public synchronized ContentPage approved(Filter f, String cursor, int limit) {
        List<Content> all = library.values().stream()
                .filter(c -> f.kind() == null || c.kind() == f.kind())
                .filter(c -> f.federation() == null || c.federation().equals(f.federation()))
                .filter(c -> f.tag() == null || c.tags().contains(f.tag()))
                .filter(c -> f.since() == null || !nationalAt(c).isBefore(f.since()))
                .filter(c -> f.until() == null || nationalAt(c).isBefore(f.until()))
                .sorted(Comparator.comparing(InMemoryContentStore::nationalAt).reversed()).toList();
        return page(all, cursor, limit);
    }

    @Override
    public synchronized Optional<Content> find(ContentRef ref) {
        return Optional.ofNullable(library.get(ref));
    }

    @Override
    public synchronized List<Content> approvedBetween(Instant from, Instant to) {
        return library.values().stream().filter(c -> !nationalAt(c).isBefore(from) && nationalAt(c).isBefore(to)).toList();
    }

    @Override
    public synchronized ContentPage awaitingReview(String cursor, int limit) {
        return page(review.values().stream().sorted(Comparator.comparing(Content::approvedAt)).toList(), cursor, limit);
    }

    private static Instant nationalAt(Content c) {
        return c.national().approvedAt();
    }

    private static ContentPage page(List<Content> all, String cursor, int limit) {
        int start = cursor == null ? 0 : Integer.parseInt(cursor);
        List<Content> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
        return new ContentPage(List.copyOf(page), start + limit < all.size() ? Integer.toString(start + limit) : null);
    }

    /** What other federations see: no proposer. */
    private static Content projection(Content c) {
        return new Content(c.id(), c.federation(), c.title(), c.kind(), c.description(), c.tags(), c.credits(), c.rights(),
                null, c.file(), c.status(), c.objectKey(), c.thumbnailKey(), null, c.createdAt(), c.updatedAt(),
                c.submittedAt(), c.approvedAt(), null, c.engagement(), c.national(), 0);
    }

    private static Content withVersion(Content c, long version) {
        return new Content(c.id(), c.federation(), c.title(), c.kind(), c.description(), c.tags(), c.credits(), c.rights(),
                c.proposerName(), c.file(), c.status(), c.objectKey(), c.thumbnailKey(), c.rejection(), c.createdAt(),
                c.updatedAt(), c.submittedAt(), c.approvedAt(), c.expiresAt(), c.engagement(), c.national(), version);
    }

    private static Content withEngagement(Content c, Content.Engagement e) {
        return new Content(c.id(), c.federation(), c.title(), c.kind(), c.description(), c.tags(), c.credits(), c.rights(),
                c.proposerName(), c.file(), c.status(), c.objectKey(), c.thumbnailKey(), c.rejection(), c.createdAt(),
                c.updatedAt(), c.submittedAt(), c.approvedAt(), c.expiresAt(), e, c.national(), c.version());
    }
}
