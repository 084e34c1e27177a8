package fr.eterrain.local;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the local API, before any translation.
 *
 * @param rawPath     path as sent, still percent-encoded
 * @param rawQuery    query string as sent, without '?', null when absent
 * @param headers     names as sent (any case), every value of repeated headers
 * @param sourceIp    the client's address
 */
public record IncomingRequest(String method, String rawPath, String rawQuery, String protocol,
                              Map<String, List<String>> headers, byte[] body, String sourceIp) {
}
