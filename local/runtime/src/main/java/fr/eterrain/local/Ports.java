package fr.eterrain.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback ports: pick a free one, probe one, wait for one. */
public final class Ports {
    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port free right now; the small race with other programs is acceptable for tests. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The given port, or a free one when 0. */
    public static int orFree(int port) {
        return port > 0 ? port : free();
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until something listens on the port. {@code alive} reports whether the program we wait for is still
     * running, so a crash fails fast instead of after the whole timeout.
     */
    public static void await(String what, int port, Duration timeout, BooleanSupplier alive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isOpen(port)) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(what + " stopped before listening on port " + port);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " is not listening on port " + port + " after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
