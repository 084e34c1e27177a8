package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every server of the local stack (the API, the events endpoint, DynamoDB Local, s3proxy, the SES emulator)
 * listens on the loopback only: nothing of it, personal data included, is reachable from the network.
 */
class LoopbackOnlyIT {
    private final TestStack stack = TestStack.get();

    private Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("API", URI.create(stack.apiUrl()).getPort());
        ports.put("events", stack.settings().endpoint("EVENTBRIDGE").orElseThrow().getPort());
        stack.platform().settings().endpoint(Emulators.DYNAMODB).ifPresent(u -> ports.put("DynamoDB Local", u.getPort()));
        stack.platform().settings().endpoint(Emulators.S3).ifPresent(u -> ports.put("s3proxy", u.getPort()));
        stack.platform().settings().endpoint(Emulators.SES).ifPresent(u -> ports.put("SES emulator", u.getPort()));
        return ports;
    }

    @Test
    void nothingListensBeyondTheLoopback() throws IOException {
        Optional<InetAddress> outside = nonLoopbackAddress();
        List<String> open = new ArrayList<>();
        for (var port : ports().entrySet()) {
            assertTrue(Ports.isOpen(port.getValue()), port.getKey() + " answers on " + Ports.HOST);
            if (outside.isPresent() && reachable(outside.get(), port.getValue())) {
                open.add(port.getKey() + " on " + outside.get().getHostAddress() + ":" + port.getValue());
            }
            listeningAddresses(port.getValue()).stream().filter(a -> !LOOPBACK.contains(a))
                    .forEach(a -> open.add(port.getKey() + " listening on " + a + ":" + port.getValue()));
        }
        assertTrue(open.isEmpty(), "reachable from the network: " + open);
        assertFalse(ports().isEmpty());
    }

    /** 127.0.0.1, ::1 and ::ffff:127.0.0.1 as /proc/net/tcp(6) write them. */
    private static final List<String> LOOPBACK = List.of("0100007F", "00000000000000000000000001000000",
            "0000000000000000FFFF00000100007F");

    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Linux: the local addresses of the sockets listening on this port (hex, as /proc/net/tcp writes them). */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(":" + hexPort)) {
                    addresses.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }
}
