package fr.eterrain.core.testing;

import fr.eterrain.core.storage.ObjectStorage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A bucket in memory. Presigned URLs are fake ({@code mem://…}); tests put objects with {@link #upload}. */
public final class InMemoryObjectStorage implements ObjectStorage {
    public record Stored(byte[] bytes, String contentType, String sha256) {
    }

    public final Map<String, Stored> objects = new TreeMap<>();
    public final Map<String, String> multipartUploads = new TreeMap<>();
    private final Clock clock;
    private int uploads;

    public InMemoryObjectStorage(Clock clock) {
        this.clock = clock;
    }

    /** What a client does with a presigned PUT: the checksum travels with the bytes when {@code withChecksum}. */
    public synchronized void upload(String key, byte[] bytes, String contentType, boolean withChecksum) {
        objects.put(key, new Stored(bytes.clone(), contentType, withChecksum ? base64Sha256(bytes) : null));
    }

    public static String hexSha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha(bytes));
    }

    private static String base64Sha256(byte[] bytes) {
        return Base64.getEncoder().encodeToString(sha(bytes));
    }

    private static byte[] sha(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Presigned presignPut(String key, String contentType, long size, String sha256Base64, Duration ttl) {
        return new Presigned("PUT", "mem://put/" + key, Map.of("content-type", contentType, "x-amz-checksum-sha256", sha256Base64),
                clock.instant().plus(ttl));
    }

    @Override
    public synchronized String startMultipart(String key, String contentType) {
        String id = "upload-" + (++uploads);
        multipartUploads.put(id, key);
        return id;
    }

    @Override
    public Presigned presignPart(String key, String uploadId, int partNumber, long size, Duration ttl) {
        return new Presigned("PUT", "mem://part/" + uploadId + "/" + partNumber, Map.of(), clock.instant().plus(ttl));
    }

    /** Tests set the assembled bytes with {@link #upload} first; completing checks the upload exists. */
    @Override
    public synchronized void completeMultipart(String key, String uploadId, List<Part> parts) {
        if (!key.equals(multipartUploads.remove(uploadId))) {
            throw new Refused("NoSuchUpload", null);
        }
    }

    @Override
    public synchronized void abortMultipart(String key, String uploadId) {
        multipartUploads.remove(uploadId);
    }

    @Override
    public synchronized Optional<ObjectInfo> head(String key) {
        Stored s = objects.get(key);
        return s == null ? Optional.empty()
                : Optional.of(new ObjectInfo(s.bytes().length, s.contentType(), Integer.toHexString(Arrays.hashCode(s.bytes())), s.sha256()));
    }

    @Override
    public synchronized byte[] readPrefix(String key, int bytes) {
        byte[] all = require(key).bytes();
        return Arrays.copyOf(all, Math.min(bytes, all.length));
    }

    @Override
    public synchronized InputStream open(String key) {
        return new ByteArrayInputStream(require(key).bytes());
    }

    @Override
    public synchronized void put(String key, byte[] bytes, String contentType) {
        objects.put(key, new Stored(bytes.clone(), contentType, null));
    }

    @Override
    public synchronized void copy(String fromKey, String toKey) {
        objects.put(toKey, require(fromKey));
    }

    @Override
    public synchronized void delete(String key) {
        objects.remove(key);
    }

    @Override
    public Presigned presignGet(String key, Duration ttl, String downloadName) {
        return new Presigned("GET", "mem://get/" + key, Map.of(), clock.instant().plus(ttl));
    }

    private Stored require(String key) {
        Stored s = objects.get(key);
        if (s == null) {
            throw new IllegalStateException("no object " + key);
        }
        return s;
    }
}
