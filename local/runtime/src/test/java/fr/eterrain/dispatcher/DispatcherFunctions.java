package fr.eterrain.dispatcher;

import fr.eterrain.core.Platform;

/** The dispatcher function on a given platform (one whose AWS clients inject faults, say), for end-to-end tests. */
public final class DispatcherFunctions {
    private DispatcherFunctions() {
    }

    public static DispatcherFunction on(Platform platform) {
        return new DispatcherFunction(platform);
    }
}
