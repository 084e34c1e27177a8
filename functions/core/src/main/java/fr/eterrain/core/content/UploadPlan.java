package fr.eterrain.core.content;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How to send a content's file: one presigned PUT ({@code url}, {@code headers}), or for a multipart upload one
 * presigned PUT per part of {@code partSize} bytes (the last one shorter), whose ETags then go to the complete
 * endpoint. Headers must be sent exactly as given; every URL stops working at {@code expiresAt}.
 */
public record UploadPlan(String method, String url, Map<String, String> headers, long size, Instant expiresAt,
                         long partSize, List<PartUrl> parts) {

    public record PartUrl(int partNumber, long size, String url, Map<String, String> headers) {
    }

    public boolean multipart() {
        return !parts.isEmpty();
    }
}
