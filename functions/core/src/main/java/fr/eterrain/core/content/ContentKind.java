package fr.eterrain.core.content;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What federations submit, with the media types and maximum size each kind accepts (sizes in MiB). Above
 * {@link #MULTIPART_THRESHOLD} an upload goes through S3 multipart (parts of {@link #PART_SIZE}).
 */
public enum ContentKind {
    GRAPHIC("graphic", 20L << 20, List.of("image/png", "image/jpeg", "image/webp", "image/gif")),
    VIDEO("video", 2L << 30, List.of("video/mp4", "video/webm", "video/quicktime")),
    PODCAST("podcast", 500L << 20, List.of("audio/mpeg", "audio/mp4", "audio/ogg")),
    TEXT("text", 10L << 20, List.of("text/plain", "application/pdf"));

    /** Single presigned PUTs up to this; multipart above (S3 takes 5 GB in one PUT, browsers cope badly). */
    public static final long MULTIPART_THRESHOLD = 100L << 20;
    /** Every part but the last; 2 GiB makes 32 parts, far below S3's 10,000. */
    public static final long PART_SIZE = 64L << 20;

    private final String wire;
    private final long maxBytes;
    private final List<String> contentTypes;

    ContentKind(String wire, long maxBytes, List<String> contentTypes) {
        this.wire = wire;
        this.maxBytes = maxBytes;
        this.contentTypes = contentTypes;
    }

    public String wire() {
        return wire;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public List<String> contentTypes() {
        return contentTypes;
    }

    public boolean accepts(String contentType) {
        return contentType != null && contentTypes.contains(contentType.toLowerCase(Locale.ROOT));
    }

    public static Optional<ContentKind> parse(String value) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(value)).findFirst();
    }
}
