package fr.eterrain.local;

import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.wiring.Wiring;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per function, made on first use through its public {@code (Settings)} constructor and then
 * reused, like a warm Lambda container. Unlike a container it may serve several requests at once: Lambda
 * scales out with more containers sharing the same tables, and concurrent calls here find the same races.
 * A constructor that throws is retried on the next call, as Lambda retries a failed init.
 *
 * <p>Each function gets its wiring grants as {@code GRANTS}, as infra gives each its own role and secrets: its AWS
 * calls are checked against them (core's GrantCheck) and it receives only the keys it is granted (core's Secrets),
 * so a grant missing from the wiring table fails here, not in production.
 */
public final class FunctionRegistry {
    private final Wiring wiring;
    private final Settings settings;
    private final Map<String, Object> instances = new ConcurrentHashMap<>();

    public FunctionRegistry(Wiring wiring, Settings settings) {
        this.wiring = wiring;
        this.settings = settings;
    }

    public HttpFunction http(String function) {
        return as(function, HttpFunction.class);
    }

    public EventFunction event(String function) {
        return as(function, EventFunction.class);
    }

    /** The instance, whatever its kind (HTTP or event). */
    public Object instance(String function) {
        return instances.computeIfAbsent(function, this::create);
    }

    public Wiring wiring() {
        return wiring;
    }

    private <T> T as(String function, Class<T> kind) {
        Object instance = instance(function);
        if (!kind.isInstance(instance)) {
            throw new IllegalStateException("function " + function + " (" + instance.getClass().getName()
                    + ") is not a " + kind.getSimpleName());
        }
        return kind.cast(instance);
    }

    private Object create(String function) {
        Wiring.FunctionSpec spec = wiring.functions().get(function);
        if (spec == null) {
            throw new IllegalArgumentException("unknown function " + function + "; known: "
                    + new TreeSet<>(wiring.functions().keySet()));
        }
        try {
            Settings own = settings.with(java.util.Map.of("GRANTS", String.join(",", spec.grants()),
                    "WIRING_FUNCTION", function));
            return Class.forName(spec.handler()).getConstructor(Settings.class).newInstance(own);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("function " + function + " failed to initialise: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("function " + function + ": cannot create " + spec.handler()
                    + " with a public (Settings) constructor: " + e, e);
        }
    }
}
