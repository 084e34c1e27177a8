package fr.eterrain.core.content;

import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.storage.ObjectStorage;
import fr.eterrain.core.storage.ObjectStorage.Presigned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating a content: checks the declared file against its kind, records the content as awaiting its file and
 * hands out presigned upload URLs; and completing a multipart upload. The file itself is checked when it lands
 * ({@link ContentIntake}).
 */
public final class ContentSubmissions {
    static final Duration SINGLE_PUT_TTL = Duration.ofHours(1);
    static final Duration MULTIPART_TTL = Duration.ofHours(12);
    /** A content whose file never came is forgotten (TTL) this long after its upload URLs expired. */
    static final Duration ABANDON_GRACE = Duration.ofDays(1);

    private final ContentStore store;
    private final ObjectStorage storage;
    private final Clock clock;
    private final long multipartThreshold;
    private final long partSize;

    public ContentSubmissions(ContentStore store, ObjectStorage storage, Clock clock) {
        this(store, storage, clock, ContentKind.MULTIPART_THRESHOLD, ContentKind.PART_SIZE);
    }

    /** Other sizes let tests take the multipart path with small files (S3 wants parts of 5 MiB at least). */
    public ContentSubmissions(ContentStore store, ObjectStorage storage, Clock clock, long multipartThreshold, long partSize) {
        this.store = store;
        this.storage = storage;
        this.clock = clock;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    public record Created(Content content, UploadPlan upload) {
    }

    public Created create(String federation, NewContent request) {
        ContentKind kind = ContentKind.parse(request.kind())
                .orElseThrow(() -> ApiException.badRequest("invalid_kind", "kind must be graphic, video, podcast or text.", "kind"));
        if (!kind.accepts(request.contentType())) {
            throw new ApiException(415, "unsupported_content_type", "A " + kind.wire() + " must be one of "
                    + String.join(", ", kind.contentTypes()) + ".", "file.contentType");
        }
        if (request.size() > kind.maxBytes()) {
            throw new ApiException(413, "file_too_large", "A " + kind.wire() + " may be at most " + (kind.maxBytes() >> 20)
                    + " MiB.", "file.size");
        }
        String id = "k" + Ids.random(12).replace('-', 'x').replace('_', 'y');
        String name = SafeNames.file(request.fileName());
        String key = ContentKeys.upload(federation, id, name);
        Instant now = clock.instant();
        boolean multipart = request.size() > multipartThreshold;
        String uploadId = multipart ? storage.startMultipart(key, request.contentType()) : null;
        UploadPlan plan = multipart ? multipartPlan(key, uploadId, request.size())
                : singlePlan(key, request.contentType(), request.size(), request.sha256());
        Content content = new Content(id, federation, request.title(), kind, request.description(), request.tags(),
                request.credits(), request.rights(), request.proposerName(),
                new Content.FileSpec(name, request.contentType(), request.size(), request.sha256(), key, uploadId),
                ContentStatus.AWAITING_UPLOAD, null, null, null, now, now, null, null,
                plan.expiresAt().plus(ABANDON_GRACE), Content.Engagement.NONE, Content.National.NONE, 0);
        try {
            store.create(content);
        } catch (RuntimeException e) {
            if (uploadId != null) {
                storage.abortMultipart(key, uploadId);
            }
            throw e;
        }
        return new Created(content, plan);
    }

    private UploadPlan singlePlan(String key, String contentType, long size, String sha256Hex) {
        // The SHA-256 is signed into the URL: S3 refuses bytes that do not match it.
        String sha256 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
        Presigned put = storage.presignPut(key, contentType, size, sha256, SINGLE_PUT_TTL);
        return new UploadPlan(put.method(), put.url(), put.headers(), size, put.expiresAt(), 0, List.of());
    }

    private UploadPlan multipartPlan(String key, String uploadId, long size) {
        List<UploadPlan.PartUrl> parts = new ArrayList<>();
        Instant expires = null;
        for (int number = 1; (long) (number - 1) * partSize < size; number++) {
            long length = Math.min(partSize, size - (long) (number - 1) * partSize);
            Presigned part = storage.presignPart(key, uploadId, number, length, MULTIPART_TTL);
            parts.add(new UploadPlan.PartUrl(number, length, part.url(), part.headers()));
            expires = part.expiresAt();
        }
        return new UploadPlan("PUT", null, Map.of(), size, expires, partSize, List.copyOf(parts));
    }

    /**
     * Assembles a multipart upload from the parts' ETags. Safe to repeat: once the object exists, a repeat
     * changes nothing. The intake then checks the file as for a single PUT.
     */
    public Content completeUpload(String federation, String id, List<ObjectStorage.Part> parts) {
        Content content = require(federation, id);
        if (!content.file().multipart()) {
            throw ApiException.conflict("not_multipart", "This content's file goes up in one PUT; there is nothing to complete.");
        }
        if (content.status() != ContentStatus.AWAITING_UPLOAD || storage.head(content.file().uploadKey()).isPresent()) {
            return content;
        }
        int expected = (int) ((content.file().size() + partSize - 1) / partSize);
        List<Integer> numbers = parts.stream().map(ObjectStorage.Part::number).sorted().toList();
        List<Integer> wanted = new ArrayList<>();
        for (int i = 1; i <= expected; i++) {
            wanted.add(i);
        }
        if (!numbers.equals(wanted)) {
            throw ApiException.badRequest("invalid_parts", "Send the ETag of each of the " + expected
                    + " parts, numbered 1 to " + expected + ", once each.", "parts");
        }
        try {
            storage.completeMultipart(content.file().uploadKey(), content.file().uploadId(), parts);
        } catch (ObjectStorage.Refused e) {
            throw ApiException.badRequest("upload_incomplete", "The parts could not be assembled (" + e.getMessage()
                    + "): check that every part was uploaded and its ETag is right.", "parts");
        }
        return content;
    }

    /** A content of this federation, or 404. */
    public Content require(String federation, String id) {
        return find(federation, id).orElseThrow(() -> ApiException.notFound("No such content."));
    }

    private Optional<Content> find(String federation, String id) {
        return id == null || !id.matches("k[A-Za-z0-9]{16}") ? Optional.empty() : store.find(federation, id);
    }
}
