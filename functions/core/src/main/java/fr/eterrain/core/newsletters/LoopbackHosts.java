package fr.eterrain.core.newsletters;

/** The loopback hosts a local stack serves its own pages on, over plain http (never reachable by a reader). */
final class LoopbackHosts {
    /** {@code localhost} or {@code 127.0.0.1}, an optional port, then the path or the end. */
    static final String PATTERN = "(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?(/|$)";

    private LoopbackHosts() {
    }
}
