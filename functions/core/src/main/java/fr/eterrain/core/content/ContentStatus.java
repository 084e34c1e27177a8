package fr.eterrain.core.content;

import java.util.Arrays;
import java.util.Optional;

/**
 * A content's life: created and waiting for its file, then submitted (the file passed the intake checks), then
 * approved or rejected by a moderator. A file that fails the intake checks is rejected at once and removed.
 */
public enum ContentStatus {
    AWAITING_UPLOAD("awaiting_upload"),
    SUBMITTED("submitted"),
    APPROVED("approved"),
    REJECTED("rejected");

    private final String wire;

    ContentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ContentStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
