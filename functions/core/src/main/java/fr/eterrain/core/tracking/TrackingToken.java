package fr.eterrain.core.tracking;

/**
 * What a pixel or redirect link identifies: one recipient of one newsletter, and for a click the index of
 * the link in that newsletter's own list of links ({@link #PIXEL} for the open pixel).
 */
public record TrackingToken(String federation, String newsletterId, String contactId, int linkIndex) {
    public static final int PIXEL = -1;

    public boolean isPixel() {
        return linkIndex == PIXEL;
    }
}
