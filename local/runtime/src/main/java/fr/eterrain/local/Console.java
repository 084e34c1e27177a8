package fr.eterrain.local;

/** Messages of the local stack itself, on stderr: stdout carries the functions' JSON log lines and CLI output. */
public final class Console {
    private Console() {
    }

    public static void info(String message) {
        System.err.println("[local] " + message);
    }
}
