package fr.eterrain.core.aws;

import fr.eterrain.core.log.Log;
import fr.eterrain.core.security.FieldCipher;
import fr.eterrain.core.security.Ids;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming. In Lambda (with the org.crac API in the deployable), every function registers one CRaC
 * {@code Resource} for its handler: {@code beforeCheckpoint} loads every class of the deployable
 * ({@link DeployableClasses}), runs the handler once on a harmless request of one of its own routes or rules
 * ({@link PrimingEvents}), which runs its parsing, routing, authentication and answering, and makes one read on
 * each DynamoDB client built so far (a key that does not exist), which warms the request path; {@code afterRestore} reseeds the random sources,
 * so that containers restored from one snapshot do not share a random state (see {@link #restored()} for
 * credentials and connections).
 *
 * <p>Without the org.crac classes, or outside Lambda, registration does nothing. The benchmark calls
 * {@link #prime()} and {@link #restored()} in a fresh JVM, as a local stand-in for a checkpoint and a restore.
 */
public final class Priming {
    private static final Log LOG = Log.of("Priming");
    private static final List<Primer> PRIMERS = new CopyOnWriteArrayList<>();
    private static final List<Runnable> WARMERS = new CopyOnWriteArrayList<>();
    private static final List<Runnable> RESTORERS = new CopyOnWriteArrayList<>();
    /** What primes one handler: its request stream handler and the event it is handed. */
    @FunctionalInterface
    public interface Primer {
        void prime() throws IOException;
    }

    private Priming() {
    }

    static boolean enabled() {
        return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    }

    /** Called by the handler bases (HttpFunction, EventFunction) as a Lambda handler is constructed. */
    public static void register(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, boolean http) {
        if (!enabled()) {
            return;
        }
        byte[] event = PrimingEvents.of(handler.getClass(), http);
        Primer primer = () -> handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
        PRIMERS.add(primer);
        try {
            Class.forName("org.crac.Resource", false, Priming.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return; // a deployable without the org.crac API: SnapStart still works, unprimed
        }
        CracHook.install();
    }

    /** What a client runs before the snapshot, once the handlers are primed (one harmless read). */
    public static void onPriming(Runnable warm) {
        if (enabled()) {
            WARMERS.add(warm);
        }
    }

    /** What a client refreshes after a restore (credentials it fetched). */
    public static void onRestore(Runnable refresh) {
        if (enabled()) {
            RESTORERS.add(refresh);
        }
    }

    /** Before the snapshot: every class of the deployable, every registered handler once, then each client's read. */
    public static void prime() {
        long start = System.nanoTime();
        List<String> entries = DeployableClasses.entries();
        int classes = DeployableClasses.load(entries);
        int schemas = SchemaWarmup.run(entries);
        LOG.info("deployable classes loaded, schemas compiled", "classes", classes, "schemas", schemas,
                "ms", (System.nanoTime() - start) / 1_000_000);
        for (Primer p : PRIMERS) {
            try {
                p.prime();
            } catch (Exception | LinkageError e) {
                LOG.warn("priming request failed", "error", String.valueOf(e));
            }
        }
        for (Runnable warm : WARMERS) {
            warm.run();
        }
    }

    /**
     * After a restore: fresh random state, and the direct clients forget the container credentials they fetched
     * (the SDK's container provider renews its own when they near expiry). A keep-alive connection from before the
     * snapshot that the network dropped fails on its first use, and both kinds of client retry on a new one.
     */
    public static void restored() {
        Ids.reseed();
        FieldCipher.reseed();
        RESTORERS.forEach(Runnable::run);
    }
}
