package fr.eterrain.core.tracking;

/**
 * The little we look at in a pixel or link request. Only used to classify the traffic: never stored, never
 * logged (an IP is personal data).
 */
public record HitRequest(String method, String userAgent, String sourceIp) {
}
