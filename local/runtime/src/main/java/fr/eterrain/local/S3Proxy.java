package fr.eterrain.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * s3proxy in its own JVM: its dependencies (jclouds, Jetty, Jackson 3) clash with ours, so it runs on the
 * classpath that local/s3proxy writes to target/classpath.txt. Same java binary as ours.
 */
public final class S3Proxy {
    private S3Proxy() {
    }

    /** @param dataDir where objects are stored between runs, or null to keep them in memory */
    public static ChildProcess start(int port, Path dataDir, Path projectRoot, Path logDir) {
        Path classpathFile = projectRoot.resolve("local/s3proxy/target/classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("missing " + classpathFile + ": build local/s3proxy first (make run does)");
        }
        try {
            String classpath = Files.readString(classpathFile).trim();
            Path properties = Files.createTempFile("s3proxy-", ".properties");
            properties.toFile().deleteOnExit();
            Files.writeString(properties, properties(port, dataDir));
            List<String> command = List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    // Without a configuration logback logs every Jetty DEBUG line.
                    "-Dlogback.configurationFile=" + projectRoot.resolve("local/s3proxy/logback.xml"),
                    "-cp", classpath, "org.gaul.s3proxy.Main", "--properties", properties.toString());
            ChildProcess process = ChildProcess.start("s3proxy", command, Map.of(), List.of(),
                    logDir.resolve("s3proxy.log"));
            try {
                Ports.await("s3proxy", port, Duration.ofSeconds(60), process::isAlive);
            } catch (IllegalStateException e) {
                process.close();
                throw new IllegalStateException(e.getMessage() + "\n" + process.logTail(), e);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String properties(int port, Path dataDir) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("s3proxy.endpoint=http://").append(Ports.HOST).append(':').append(port).append('\n')
                .append("s3proxy.authorization=none\n")
                .append("jclouds.identity=local\n")
                .append("jclouds.credential=local\n");
        if (dataDir == null) {
            text.append("jclouds.provider=transient\n");
        } else {
            Files.createDirectories(dataDir);
            text.append("jclouds.provider=filesystem\n")
                    .append("jclouds.filesystem.basedir=").append(dataDir.toAbsolutePath()).append('\n');
        }
        return text.toString();
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
