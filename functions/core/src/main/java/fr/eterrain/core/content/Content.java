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
 * @param approvedAt   when its federation (or HQ for it) approved it: published for that federation
 * @param national     HQ's decision on the national library, which other federations and the selection read
 */
public record Content(String id, String federation, String title, ContentKind kind, String description,
                      List<String> tags, String credits, Rights rights, String proposerName, FileSpec file,
                      ContentStatus status, String objectKey, String thumbnailKey, Rejection rejection,
                      Instant createdAt, Instant updatedAt, Instant submittedAt, Instant approvedAt,
                      Instant expiresAt, Engagement engagement, National national, long version) {

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

    /**
     * The national library: a federation's approval publishes a content for that federation only; only HQ's
     * approval ({@code library:moderate}) puts it where other federations see it and the selection draws from.
     *
     * @param approvedAt when HQ approved it for the national library, null while it is not there
     * @param refusal    HQ's reason for keeping it out of the national library (it stays approved for its federation)
     */
    public record National(Instant approvedAt, Rejection refusal) {
        public static final National NONE = new National(null, null);

        public boolean inLibrary() {
            return approvedAt != null;
        }
    }

    /** In the national library: approved by its federation and by HQ. */
    public boolean inLibrary() {
        return status == ContentStatus.APPROVED && national.inLibrary();
    }

    /** Approved by its federation, waiting for HQ's decision on the national library. */
    public boolean awaitingNationalReview() {
        return status == ContentStatus.APPROVED && !national.inLibrary() && national.refusal() == null;
    }

    public ContentRef ref() {
        return new ContentRef(federation, id);
    }

    /** The file passed the intake checks and now lives at {@code objectKey}. */
    public Content submitted(String acceptedKey, String thumbnail, Instant at) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.SUBMITTED, acceptedKey, thumbnail, null, createdAt, at, at, null, null, engagement, National.NONE,
                version);
    }

    /** The file failed the intake checks: it is gone, the record stays until {@code forgetAt} to say why. */
    public Content refused(Rejection why, Instant forgetAt) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.REJECTED, null, null, why, createdAt, why.at(), null, null, forgetAt, engagement, National.NONE,
                version);
    }

    /** A moderator's rejection: the file stays, for its federation to see and fix; it leaves the national library. */
    public Content rejected(Rejection why) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.REJECTED, objectKey, thumbnailKey, why, createdAt, why.at(), submittedAt, null, null,
                engagement, National.NONE, version);
    }

    /** Approved for its own federation; HQ's national decision, if any, stands. */
    public Content approved(Instant at) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file,
                ContentStatus.APPROVED, objectKey, thumbnailKey, null, createdAt, at, submittedAt, at, null, engagement,
                national, version);
    }

    /** HQ's approval for the national library; a content not yet approved by its federation is approved with it. */
    public Content nationallyApproved(Instant at) {
        Content approved = status == ContentStatus.APPROVED ? this : approved(at);
        return approved.withNational(new National(at, null), at);
    }

    /** HQ keeps it out of the national library; it stays as its federation decided. */
    public Content nationallyRefused(Rejection why) {
        return withNational(new National(null, why), why.at());
    }

    private Content withNational(National next, Instant at) {
        return new Content(id, federation, title, kind, description, tags, credits, rights, proposerName, file, status,
                objectKey, thumbnailKey, rejection, createdAt, at, submittedAt, approvedAt, expiresAt, engagement, next,
                version);
    }

    /** True once the file passed the intake: there is an accepted object to moderate, show or download. */
    public boolean hasFile() {
        return objectKey != null;
    }
}
