package fr.eterrain.core.tracking;

/** Who fetched a pixel or followed a link, as far as we can tell without storing anything about it. */
public enum Traffic {
    /** A person reading or clicking. */
    HUMAN,
    /** A mailbox's privacy proxy or prefetcher (Apple Mail Privacy Protection, Gmail/Yahoo image proxies). */
    PRIVACY_PROXY,
    /** A security scanner or robot (HEAD requests, known agents, clicks seconds after delivery). */
    SCANNER;

    public boolean isMachine() {
        return this != HUMAN;
    }
}
