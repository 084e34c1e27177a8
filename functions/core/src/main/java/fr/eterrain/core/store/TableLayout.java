package fr.eterrain.core.store;

import java.util.Locale;

/**
 * Table names and key layout, the one documented pattern:
 * <ul>
 *   <li>{@code <prefix>-platform}: federations registry, API keys, per-source rate limits;</li>
 *   <li>{@code <prefix>-fed-<id>} (id lower-cased: {@code eterrain-prod-fed-2a}, {@code …-fed-ffe}): one table per
 *   federation holding its contacts, consent log, email index (and suppressions) and audit log; newsletters
 *   ({@link fr.eterrain.core.newsletters.NewsletterKeys}) and their statistics and the per-person tracking markers
 *   ({@link fr.eterrain.core.tracking.StatsKeys}).</li>
 *   <li>content library: each content in its federation's table ({@code CONTENT#<id>}/{@code CONTENT}, gsi1
 *   {@code CONTENTS}), with its append-only moderation decisions ({@code DECISION#<at>#<id>}) and engagement markers
 *   in the same partition; the approved ones projected into the platform table ({@code CONTENT#<fed>#<id>}/
 *   {@code APPROVED}, gsi1 {@code CONTENTS#approved}/{@code <approvedAt>#<fed>#<id>}) for every federation to read,
 *   and the selections there too ({@code SELECTION#<period>}, gsi1 {@code SELECTIONS#<cadence>}): see
 *   {@code store.dynamo.ContentItems} and {@code DynamoSelectionStore}.</li>
 * </ul>
 * Every table: partition key {@code pk} (S), sort key {@code sk} (S), one GSI {@code gsi1} on
 * {@code gsi1pk}/{@code gsi1sk}, TTL attribute {@code expiresAt}. The prefix is {@code eterrain-<stage>}.
 */
public final class TableLayout {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String TTL = "expiresAt";

    private final String prefix;

    public TableLayout(String prefix) {
        this.prefix = prefix;
    }

    public String platformTable() {
        return prefix + "-platform";
    }

    public String federationTable(String federationId) {
        return prefix + "-fed-" + federationId.toLowerCase(Locale.ROOT);
    }

    public String prefix() {
        return prefix;
    }
}
