package fr.eterrain.core.store.s3;

import fr.eterrain.core.storage.ObjectStorage;
import java.io.InputStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;

/** The content bucket on S3 (or s3proxy, LocalStack). URLs are signed locally by the presigner. */
public final class S3ObjectStorage implements ObjectStorage {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public Presigned presignPut(String key, String contentType, long size, String sha256Base64, Duration ttl) {
        PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                .contentLength(size).checksumSHA256(sha256Base64).build();
        return presigned("PUT", presigner.presignPutObject(r -> r.signatureDuration(ttl).putObjectRequest(put)));
    }

    @Override
    public String startMultipart(String key, String contentType) {
        return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId();
    }

    @Override
    public Presigned presignPart(String key, String uploadId, int partNumber, long size, Duration ttl) {
        UploadPartRequest part = UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(partNumber).contentLength(size).build();
        return presigned("PUT", presigner.presignUploadPart(r -> r.signatureDuration(ttl).uploadPartRequest(part)));
    }

    @Override
    public void completeMultipart(String key, String uploadId, List<Part> parts) {
        List<CompletedPart> completed = parts.stream().sorted(Comparator.comparingInt(Part::number))
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (S3Exception e) {
            if (e.statusCode() == 400 || e.statusCode() == 404) {
                throw new Refused(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode(), e);
            }
            throw e;
        }
    }

    @Override
    public void abortMultipart(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        // A composite checksum (multipart: a checksum of the parts' checksums, "…-N") is not the file's SHA-256.
        String sha = head.checksumSHA256();
        boolean whole = sha != null && !sha.contains("-") && head.checksumType() != ChecksumType.COMPOSITE;
        return Optional.of(new ObjectInfo(head.contentLength(), head.contentType(), unquote(head.eTag()), whole ? sha : null));
    }

    @Override
    public byte[] readPrefix(String key, int bytes) {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=0-" + (bytes - 1))).asByteArray();
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return new byte[0]; // an empty object has no first byte to range over
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String key) {
        return s3.getObject(r -> r.bucket(bucket).key(key));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void copy(String fromKey, String toKey) {
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket).destinationKey(toKey));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    @Override
    public Presigned presignGet(String key, Duration ttl, String downloadName) {
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(key);
        if (downloadName != null) {
            get.responseContentDisposition("attachment; filename=\"" + downloadName + "\"");
        }
        return presigned("GET", presigner.presignGetObject(r -> r.signatureDuration(ttl).getObjectRequest(get.build())));
    }

    /** The signed headers a client must send, but those its HTTP library sets itself (host, length). */
    private static Presigned presigned(String method, PresignedRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.signedHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.equals("content-length") && !values.isEmpty()) {
                headers.put(lower, values.get(0));
            }
        });
        return new Presigned(method, request.url().toString(), Map.copyOf(headers), request.expiration());
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
