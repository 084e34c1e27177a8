package fr.eterrain.core.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** The one CRaC resource of a container; loaded only when the org.crac API is in the deployable. */
final class CracHook implements Resource {
    // CRaC contexts hold resources weakly: this reference keeps it registered.
    private static CracHook installed;

    private CracHook() {
    }

    static synchronized void install() {
        if (installed == null) {
            installed = new CracHook();
            Core.getGlobalContext().register(installed);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        Priming.prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Priming.restored();
    }
}
