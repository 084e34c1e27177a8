package fr.eterrain.infra;

import fr.eterrain.core.wiring.Grant;
import fr.eterrain.core.wiring.Wiring;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a wiring function may touch: the grant names it lists in {@code wiring.json} ("grants", the vocabulary of
 * {@link Grant} in core), each mapped to IAM statements by {@link AccessPolicies}, and for the secrets, to the one
 * Secrets Manager secret holding that key. A function without grants fails the synth: chosen, not defaulted.
 */
public final class FunctionAccess {
    private FunctionAccess() {
    }

    /** The grants the wiring table gives a function; an unknown grant name fails the synth. */
    public static Set<Grant> of(Wiring.FunctionSpec function) {
        if (function.grants().isEmpty()) {
            throw new IllegalStateException("function " + function.name() + " has no grants in wiring.json");
        }
        Set<Grant> grants = EnumSet.noneOf(Grant.class);
        grants.addAll(Grant.of(function));
        return Set.copyOf(grants);
    }

    /** The secrets among them (TOKEN_KEYS, HASH_KEY, DATA_KEY). */
    public static Set<Grant> secrets(Wiring.FunctionSpec function) {
        Set<Grant> secrets = EnumSet.noneOf(Grant.class);
        of(function).stream().filter(Grant::isSecret).forEach(secrets::add);
        return secrets;
    }
}
