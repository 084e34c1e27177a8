package fr.eterrain.core.content;

import java.time.Instant;

/**
 * One moderation decision, appended to the content's log and never changed: who (API key id, role and scope),
 * when, what, at which level, and why.
 *
 * @param level {@link Level#FEDERATION}: publishing for the content's own federation (or taking it back);
 *              {@link Level#NATIONAL}: HQ's decision on the national library
 */
public record Decision(String id, ContentRef content, Verdict verdict, Level level, String reason, String keyId,
                       String role, String scope, Instant at) {

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

    public enum Level {
        FEDERATION("federation"), NATIONAL("national");

        private final String wire;

        Level(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** Decisions recorded before levels existed were the federation's. */
        public static Level parse(String value) {
            return NATIONAL.wire.equals(value) ? NATIONAL : FEDERATION;
        }
    }
}
