package fr.eterrain.core.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys in the content bucket. {@code uploads/} is a quarantine: presigned uploads land there and leave it
 * either moved to {@code contents/} (checks passed) or deleted; the bucket expires leftovers there after a week.
 * {@code thumbnails/} holds the JPEG thumbnails made for images.
 */
public final class ContentKeys {
    public static final String UPLOADS = "uploads/";
    private static final Pattern UPLOAD = Pattern.compile("uploads/([0-9A-Z]{2,3})/(k[A-Za-z0-9]{16})/([A-Za-z0-9._-]{1,100})");

    private ContentKeys() {
    }

    public static String upload(String federation, String id, String safeName) {
        return UPLOADS + federation + "/" + id + "/" + safeName;
    }

    public static String accepted(String federation, String id, String safeName) {
        return "contents/" + federation + "/" + id + "/" + safeName;
    }

    public static String thumbnail(String federation, String id) {
        return "thumbnails/" + federation + "/" + id + ".jpg";
    }

    /** The content an upload key belongs to, if the key has our shape. */
    public static Optional<ContentRef> ofUpload(String key) {
        Matcher m = UPLOAD.matcher(key == null ? "" : key);
        return m.matches() ? Optional.of(new ContentRef(m.group(1), m.group(2))) : Optional.empty();
    }
}
