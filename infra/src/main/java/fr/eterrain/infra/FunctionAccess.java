package fr.eterrain.infra;

import fr.eterrain.core.wiring.Wiring;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a wiring function may touch: the grant names it lists in {@code wiring.json} ("grants"), each mapped to
 * IAM statements by {@link AccessPolicies}. A function without grants fails the synth: chosen, not defaulted.
 */
public final class FunctionAccess {

    public enum Grant {
        /** Items in every federation table: contacts, consent log, email index, audit log. */
        FEDERATION_TABLES,
        /** Whole-table scans of the federation tables (batch jobs only). */
        FEDERATION_SCAN,
        /** Platform table reads: federation registry, API keys. */
        PLATFORM_READ,
        /** Platform table writes: registry edits, API keys, per-source rate limits. */
        PLATFORM_WRITE,
        /** ses:SendEmail from the mail domain through the configuration set. */
        SEND_MAIL,
        /** events:PutEvents on the stage's bus. */
        PUT_EVENTS,
        /** Object reads in the content bucket (and presigned GETs signed by the function). */
        CONTENT_BUCKET_READ,
        /** Object writes and deletes in the content bucket (and presigned PUTs, multipart included). */
        CONTENT_BUCKET_WRITE
    }

    private FunctionAccess() {
    }

    /** The grants the wiring table gives a function; an unknown grant name fails the synth. */
    public static Set<Grant> of(Wiring.FunctionSpec function) {
        if (function.grants().isEmpty()) {
            throw new IllegalStateException("function " + function.name() + " has no grants in wiring.json");
        }
        Set<Grant> grants = EnumSet.noneOf(Grant.class);
        for (String name : function.grants()) {
            try {
                grants.add(Grant.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("function " + function.name() + ": unknown grant " + name, e);
            }
        }
        return Set.copyOf(grants);
    }
}
