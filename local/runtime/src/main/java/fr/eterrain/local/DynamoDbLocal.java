package fr.eterrain.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** DynamoDB Local inside this JVM: no process to manage, starts in about a second. */
public final class DynamoDbLocal implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param dataDir where tables are stored between runs, or null to keep everything in memory */
    public static DynamoDbLocal start(int port, Path dataDir, Path projectRoot) {
        useNativeSqlite(projectRoot);
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(port),
                // One database whatever the credentials and region: the CLI and the functions see the same tables.
                "-sharedDb",
                // The machine may have no way out; telemetry would only wait on timeouts.
                "-disableTelemetry"));
        try {
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(dataDir);
                args.addAll(List.of("-dbPath", dataDir.toString()));
            }
            DynamoDBProxyServer server;
            // DynamoDB Local prints its configuration banner on System.out, which carries CLI output (make
            // invoke, make api-key) and JSON logs: send it to stderr for the time of the start.
            PrintStream out = System.out;
            System.setOut(System.err);
            try {
                server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                loopbackOnly(server);
                server.start();
            } finally {
                System.setOut(out);
            }
            return new DynamoDbLocal(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * DynamoDB Local has no host option: its Jetty server listens on every interface. Its connector is given the
     * loopback address before it starts, so the tables (personal data included) are never open to the network.
     */
    private static void loopbackOnly(DynamoDBProxyServer server) throws ReflectiveOperationException {
        java.lang.reflect.Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Object jetty = field.get(server);
        Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind to " + Ports.HOST);
        }
        for (Object connector : connectors) {
            connector.getClass().getMethod("setHost", String.class).invoke(connector, Ports.HOST);
        }
    }

    /**
     * DynamoDB Local stores tables with sqlite4java, whose native library is copied to local/runtime/target/native
     * by the build (see its pom); sqlite4java finds it only through this property.
     */
    private static void useNativeSqlite(Path projectRoot) {
        if (System.getProperty("sqlite4java.library.path") != null) {
            return;
        }
        Path dir = projectRoot.resolve("local/runtime/target/native");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("missing " + dir + ": build local/runtime first (make run does)");
        }
        System.setProperty("sqlite4java.library.path", dir.toString());
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://" + Ports.HOST + ":" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e.getMessage());
        }
    }
}
