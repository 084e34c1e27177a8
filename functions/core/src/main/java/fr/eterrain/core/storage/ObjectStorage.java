package fr.eterrain.core.storage;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The content bucket, as far as the library uses it. Keys are whole object keys ({@code uploads/…}). */
public interface ObjectStorage {

    /** A URL a client calls itself, with the headers it must send exactly as given. */
    record Presigned(String method, String url, Map<String, String> headers, Instant expiresAt) {
    }

    /** @param sha256 base64 SHA-256 of the whole object when the store knows it (a single PUT with a checksum), else null */
    record ObjectInfo(long size, String contentType, String etag, String sha256) {
    }

    record Part(int number, String etag) {
    }

    /** The store refused a client's part of the work (unknown multipart upload, wrong or missing parts). */
    final class Refused extends RuntimeException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A single PUT bound to one content type, one length and one SHA-256 (base64): anything else is refused. */
    Presigned presignPut(String key, String contentType, long size, String sha256Base64, Duration ttl);

    /** @return the upload id */
    String startMultipart(String key, String contentType);

    Presigned presignPart(String key, String uploadId, int partNumber, long size, Duration ttl);

    void completeMultipart(String key, String uploadId, List<Part> parts);

    /** Idempotent: an unknown or finished upload is fine. */
    void abortMultipart(String key, String uploadId);

    Optional<ObjectInfo> head(String key);

    /** Up to {@code bytes} leading bytes (fewer when the object is shorter). */
    byte[] readPrefix(String key, int bytes);

    InputStream open(String key);

    void put(String key, byte[] bytes, String contentType);

    void copy(String fromKey, String toKey);

    /** Idempotent: deleting a missing key is fine. */
    void delete(String key);

    /** @param downloadName the file name a browser saves it as, or null to show it inline (thumbnails) */
    Presigned presignGet(String key, Duration ttl, String downloadName);
}
