package fr.eterrain.core.content;

import java.time.Instant;
import java.util.List;

/**
 * One piece of the content library, kept in its federation's table.
 *
 * @param objectKey    the accepted file under {@code contents/}, null until the intake accepts the upload
 * @param proposerName how an e-militant proposer asked to be credited (optional; never shown outside the
 *                     federation and HQ)
 * @param expiresAt    when the record goes (TTL): a day after the upload URLs expire while the file is awaited,
 *                     90 days after an intake rejection; null once the file is accepted
 */
public record Content(String id, String federation, String title, ContentKind kind, String description,
                      List<String> tags, String credits, Rights rights, String proposerName, FileSpec file,
                      ContentStatus status, String objectKey, String thumbnailKey, Rejection rejection,
                      Instant createdAt, Instant updatedAt, Instant submittedAt, Instant approvedAt,
                      Instant expiresAt, Engagement engagement, long version) {

    /** Who holds the rights and under which terms the federations may relay the content. */
    public record Rights(String holder, String license) {
    }

    /**
     * The file as declared at creation; the intake compares the upload with it.
     *
     * @param sha256   lower-case hex
     * @param uploadKey where the presigned upload lands, under {@code uploads/}
     * @param uploadId the S3 multipart upload, null for a single PUT
     */
    public record FileSpec(String name, String contentType, long size, String sha256, String uploadKey, String uploadId) {
        public boolean multipart() {
            return uploadId != null;
        }
    }

    /** @param by "intake" for a failed file check, else the moderator's API key id */
    public record Rejection(String reason, String by, Instant at) {
    }

    public record Engagement(long relays, long likes, long clicks) {
        public static final Engagement NONE = new Engagement(0, 0, 0);
    }

    public ContentRef ref() {
        return new ContentRef(federation, id);
    }

    /** The file passed the intake checks and now lives at {@code objectKey}. */
    public Content submitted(String acceptedKey, String thumbnail, Instant at) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.SUBMITTED, acceptedKey, thumbnail, null, createdAt, at, at, null, null, engagement, version);
    }

    /** The file failed the intake checks: it is gone, the record stays until {@code forgetAt} to say why. */
    public Content refused(Rejection why, Instant forgetAt) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.REJECTED, null, null, why, createdAt, why.at(), null, null, forgetAt, engagement, version);
    }

    /** A moderator's rejection: the file stays, for its federation to see and fix. */
    public Content rejected(Rejection why) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.REJECTED, objectKey, thumbnailKey, why, createdAt, why.at(), submittedAt, null, null,
                engagement, version);
    }

    public Content approved(Instant at) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.APPROVED, objectKey, thumbnailKey, null, createdAt, at, submittedAt, at, null, engagement,
                version);
    }

    /** True once the file passed the intake: there is an accepted object to moderate, show or download. */
    public boolean hasFile() {
        return objectKey != null;
    }
}
