package fr.eterrain.core.aws;

import fr.eterrain.core.json.Json;
import fr.eterrain.core.validation.Schemas;

/**
 * SnapStart priming of request validation: compiles every request and event schema the deployable carries and runs
 * it once (on an empty object, which most refuse), so that a restored container's first request does not compile
 * its schema. Loaded only where the validator is in the deployable.
 */
final class SchemaWarmup {
    private SchemaWarmup() {
    }

    static int run(java.util.List<String> entries) {
        try {
            Class.forName("com.networknt.schema.JsonSchemaFactory", false, SchemaWarmup.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return 0; // a function that validates nothing carries no validator
        }
        int compiled = 0;
        for (String name : DeployableClasses.schemas(entries)) {
            try {
                Schemas.schema(name);
                compiled++;
                Schemas.validate(name, Json.object());
            } catch (RuntimeException e) {
                // refused, as expected of an empty object
            }
        }
        return compiled;
    }
}
