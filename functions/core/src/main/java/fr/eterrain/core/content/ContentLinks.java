package fr.eterrain.core.content;

import fr.eterrain.core.storage.ObjectStorage;
import java.time.Duration;

/**
 * Where contents are reached. Files and thumbnails only through presigned GETs valid for minutes (the bucket is
 * never public); newsletters get a stable thumbnail URL on our API that redirects to a fresh presigned one.
 */
public final class ContentLinks {
    static final Duration DOWNLOAD_TTL = Duration.ofMinutes(15);
    static final Duration THUMBNAIL_TTL = Duration.ofMinutes(10);

    private final String baseUrl;
    private final ObjectStorage storage;

    public ContentLinks(String baseUrl, ObjectStorage storage) {
        this.baseUrl = baseUrl;
        this.storage = storage;
    }

    /** The library entry on the API (any federation's key reads it once approved). */
    public String href(ContentRef ref) {
        return baseUrl + "/v1/contents/" + ref.federation() + "/" + ref.id();
    }

    /** The content as its federation and HQ read it (moderation, decisions). */
    public String owner(ContentRef ref) {
        return baseUrl + "/v1/federations/" + ref.federation() + "/contents/" + ref.id();
    }

    /** Public, stable, for emails and anyone: a page showing an approved content, a 404 page otherwise. */
    public String page(ContentRef ref) {
        return href(ref) + "/page";
    }

    /** Public, stable, for emails: redirects to a fresh presigned URL while the content is approved. */
    public String stableThumbnail(Content content) {
        return content.thumbnailKey() == null ? null : stableThumbnail(content.ref());
    }

    public String stableThumbnail(ContentRef ref) {
        return href(ref) + "/thumbnail";
    }

    public ObjectStorage.Presigned download(Content content) {
        return storage.presignGet(content.objectKey(), DOWNLOAD_TTL, content.file().name());
    }

    public String thumbnailNow(Content content) {
        return content.thumbnailKey() == null ? null
                : storage.presignGet(content.thumbnailKey(), THUMBNAIL_TTL, null).url();
    }
}
