package fr.eterrain.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An emulator running as a child process that dies with us. A JVM cannot ask the kernel to kill its children
 * when it is killed itself (no PR_SET_PDEATHSIG), and shutdown hooks do not run on SIGKILL; so each child is
 * started under a tiny shell watchdog that reads our pipe and kills the child when the pipe closes, which
 * the kernel does whenever we die, however we die. Output goes to a log file, not to our console.
 */
public final class ChildProcess implements AutoCloseable {
    private static final String WATCHDOG = """
            "$@" </dev/null &
            child=$!
            trap 'kill $child 2>/dev/null; exit 0' TERM INT HUP
            while read -r _; do :; done
            kill $child 2>/dev/null
            wait $child
            """;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                                     List<String> removedEnvironment, Path log) {
        List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, name + "-watchdog"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().putAll(environment);
        removedEnvironment.forEach(builder.environment()::remove);
        try {
            Files.createDirectories(log.getParent());
            builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            // stdin stays a pipe from us: its end-of-file is the watchdog's signal.
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Last lines of the log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the watchdog is gone already
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : descendants) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
