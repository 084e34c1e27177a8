package fr.eterrain.core.tracking;

/** The public tracking URLs put in newsletters: the open pixel and the signed redirect of each link. */
public final class TrackingLinks {
    private final String baseUrl;
    private final TrackingTokens tokens;

    public TrackingLinks(String baseUrl, TrackingTokens tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    public String pixel(String federation, String newsletterId, String contactId) {
        return baseUrl + "/v1/o/" + tokens.issue(new TrackingToken(federation, newsletterId, contactId, TrackingToken.PIXEL));
    }

    public String click(String federation, String newsletterId, String contactId, int linkIndex) {
        return baseUrl + "/v1/c/" + tokens.issue(new TrackingToken(federation, newsletterId, contactId, linkIndex));
    }
}
