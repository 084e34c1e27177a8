package fr.eterrain.core.content;

import java.time.Instant;

/**
 * One moderation decision, appended to the content's log and never changed: who (API key id, role and scope),
 * when, what, and why.
 */
public record Decision(String id, ContentRef content, Verdict verdict, String reason, String keyId, String role,
                       String scope, Instant at) {

    public enum Verdict {
        APPROVE("approve"), REJECT("reject");

        private final String wire;

        Verdict(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static java.util.Optional<Verdict> parse(String value) {
            return java.util.Arrays.stream(values()).filter(v -> v.wire.equals(value)).findFirst();
        }
    }
}
