package fr.eterrain.core.content;

import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.storage.ObjectStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What happens when a file lands under {@code uploads/} (S3 "Object Created"): the object is compared with
 * what was declared — size, media type, real type from its first bytes, SHA-256 — images get a thumbnail, and
 * the file moves to {@code contents/} with the content marked submitted. A mismatch marks the content rejected
 * with the reason and deletes the file. Every path ends with nothing left under {@code uploads/}, and a
 * redelivered event finds the work done and only makes sure of that.
 *
 * <p>A content never stays stuck awaiting its file: a check that fails with an {@link Error} (out of memory in a
 * decoder…) is a rejection with its reason, and a file whose checks keep failing otherwise (the function killed,
 * a storage error each time) is rejected at its {@value #MAX_ATTEMPTS}th+1 delivery.
 */
public final class ContentIntake {
    /** Intake rejections stay readable this long, then the record goes (TTL): no file was ever accepted. */
    static final Duration REJECTION_KEPT = Duration.ofDays(90);
    /** Deliveries of one upload's event that may fail before the file is rejected for it. */
    static final int MAX_ATTEMPTS = 3;
    private static final Log LOG = Log.of("ContentIntake");

    public enum Outcome { SUBMITTED, REJECTED, ALREADY_HANDLED, REMOVED_UNKNOWN, IGNORED }

    private final ContentStore store;
    private final ObjectStorage storage;
    private final FederationRegistry federations;
    private final Clock clock;

    public ContentIntake(ContentStore store, ObjectStorage storage, FederationRegistry federations, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.federations = federations;
        this.clock = clock;
    }

    public Outcome objectCreated(String key) {
        if (key == null || !key.startsWith(ContentKeys.UPLOADS)) {
            return Outcome.IGNORED; // our own moves and thumbnails
        }
        Optional<Content> found = ContentKeys.ofUpload(key)
                .filter(ref -> federations.find(ref.federation()).isPresent())
                .flatMap(ref -> store.find(ref.federation(), ref.id()))
                .filter(c -> key.equals(c.file().uploadKey()));
        if (found.isEmpty()) {
            // No content waits for this file (never created, or forgotten after its URLs expired): not ours to keep.
            storage.delete(key);
            // The key carries the uploader's file name: ids only.
            Optional<ContentRef> ref = ContentKeys.ofUpload(key);
            LOG.info("unknown upload removed", "federation", ref.map(ContentRef::federation).orElse(null),
                    "content", ref.map(ContentRef::id).orElse(null));
            return Outcome.REMOVED_UNKNOWN;
        }
        Content content = found.get();
        if (content.status() != ContentStatus.AWAITING_UPLOAD) {
            storage.delete(key);
            return Outcome.ALREADY_HANDLED;
        }
        Optional<ObjectStorage.ObjectInfo> object = storage.head(key);
        if (object.isEmpty()) {
            return Outcome.ALREADY_HANDLED; // removed since the event was sent
        }
        int attempt = store.intakeAttempt(content.ref());
        if (attempt == 0) {
            storage.delete(key);
            return Outcome.ALREADY_HANDLED; // a concurrent delivery finished it
        }
        if (attempt > MAX_ATTEMPTS) {
            return reject(content, "The file could not be checked after " + MAX_ATTEMPTS + " attempts: it may be too "
                    + "large or too complex to process. Send a smaller or simpler file.");
        }
        Verdict verdict;
        try {
            verdict = check(content, object.get());
        } catch (Error e) {
            LOG.warn("file check failed", "error", e.getClass().getName(), "federation", content.federation(), "content", content.id());
            verdict = refuse("The file could not be processed (" + e.getClass().getSimpleName() + "): it may be too "
                    + "large or too complex. Send a smaller or simpler file.");
        }
        return verdict.accepted() ? accept(content, verdict.thumbnail()) : reject(content, verdict.reason());
    }

    private record Verdict(String reason, byte[] thumbnail) {
        boolean accepted() {
            return reason == null;
        }
    }

    private Verdict check(Content content, ObjectStorage.ObjectInfo object) {
        Content.FileSpec declared = content.file();
        if (object.size() != declared.size()) {
            return refuse("The file is " + object.size() + " bytes long; " + declared.size() + " were declared.");
        }
        if (object.contentType() == null || !object.contentType().equalsIgnoreCase(declared.contentType())) {
            return refuse("The file was sent as " + object.contentType() + "; " + declared.contentType() + " was declared.");
        }
        byte[] prefix = storage.readPrefix(declared.uploadKey(), TypeSniffer.PREFIX_BYTES);
        if (!TypeSniffer.matches(declared.contentType(), prefix)) {
            return refuse("The file's content is not " + declared.contentType() + " (it looks like "
                    + TypeSniffer.detect(prefix).orElse("none of the accepted types") + ").");
        }
        if (content.kind() == ContentKind.GRAPHIC) {
            // At most 20 MiB (size checked above): read once, for the checksum and the thumbnail.
            byte[] bytes = readAll(declared.uploadKey());
            if (!sha256Matches(declared, object, hex(digest().digest(bytes)))) {
                return refuse("The file's SHA-256 does not match the one declared.");
            }
            try {
                return new Verdict(null, Thumbnails.jpeg(bytes, declared.contentType()).orElse(null));
            } catch (Thumbnails.Unreadable e) {
                return refuse(e.getMessage());
            }
        }
        if (!sha256Matches(declared, object, null)) {
            return refuse("The file's SHA-256 does not match the one declared.");
        }
        return new Verdict(null, null);
    }

    /**
     * S3 gives the SHA-256 of a single PUT sent with its checksum (the presigned URL requires one); a multipart
     * object only has a checksum of its parts, so it is computed here by streaming the object (up to 2 GiB).
     */
    private boolean sha256Matches(Content.FileSpec declared, ObjectStorage.ObjectInfo object, String computedHex) {
        if (object.sha256() != null) {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(object.sha256())).equals(declared.sha256());
        }
        String actual = computedHex != null ? computedHex : streamedSha256(declared.uploadKey());
        return actual.equals(declared.sha256());
    }

    private Outcome accept(Content content, byte[] thumbnail) {
        Instant now = clock.instant();
        String acceptedKey = ContentKeys.accepted(content.federation(), content.id(), content.file().name());
        // Copy, record, then delete: a crash anywhere leaves a state the redelivered event finishes.
        storage.copy(content.file().uploadKey(), acceptedKey);
        String thumbnailKey = null;
        if (thumbnail != null) {
            thumbnailKey = ContentKeys.thumbnail(content.federation(), content.id());
            storage.put(thumbnailKey, thumbnail, "image/jpeg");
        }
        if (!store.update(content.submitted(acceptedKey, thumbnailKey, now), null)) {
            return changedMeanwhile(content);
        }
        storage.delete(content.file().uploadKey());
        LOG.info("content submitted", "federation", content.federation(), "content", content.id());
        return Outcome.SUBMITTED;
    }

    private Outcome reject(Content content, String reason) {
        Instant now = clock.instant();
        Content refused = content.refused(new Content.Rejection(reason, "intake", now), now.plus(REJECTION_KEPT));
        if (!store.update(refused, null)) {
            return changedMeanwhile(content);
        }
        storage.delete(content.file().uploadKey());
        LOG.info("upload rejected", "federation", content.federation(), "content", content.id(), "reason", reason);
        return Outcome.REJECTED;
    }

    /** A concurrent delivery of the same event won (done), or the write lost a race (thrown: Lambda retries). */
    private Outcome changedMeanwhile(Content content) {
        if (store.find(content.federation(), content.id()).map(Content::status).orElse(null) == ContentStatus.AWAITING_UPLOAD) {
            throw new IllegalStateException("content " + content.ref() + " changed during the intake; retrying");
        }
        return Outcome.ALREADY_HANDLED;
    }

    private static Verdict refuse(String reason) {
        return new Verdict(reason, null);
    }

    private byte[] readAll(String key) {
        try (InputStream in = storage.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String streamedSha256(String key) {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(storage.open(key), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
