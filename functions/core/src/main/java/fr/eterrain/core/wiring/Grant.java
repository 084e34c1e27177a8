package fr.eterrain.core.wiring;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The vocabulary of the wiring table's {@code grants}: what a function may touch, each grant a resource and the
 * actions on it, listed one by one. Infra turns them into IAM statements (AccessPolicies); the local runtime checks
 * every AWS call of a function against them (GrantCheck) and hands each function only the secrets it is granted,
 * so a missing grant fails the tests, not production. A function gets only what it uses.
 */
public enum Grant {
    /** Item reads in every federation table and their GSIs (contacts, consent log, email index, audit log…). */
    FEDERATION_READ(Resource.FEDERATION_TABLES, Actions.TABLE_READ),
    /** Item writes in every federation table. */
    FEDERATION_WRITE(Resource.FEDERATION_TABLES, Actions.TABLE_WRITE),
    /** Both: {@link #FEDERATION_READ} and {@link #FEDERATION_WRITE}. */
    FEDERATION_TABLES(Resource.FEDERATION_TABLES, Actions.concat(Actions.TABLE_READ, Actions.TABLE_WRITE)),
    /**
     * The tracking hot path only (open pixel, click redirect): one batch read of consent, recipient and markers, then
     * counters and first-time markers. No query, no single read, no delete.
     */
    FEDERATION_TRACKING(Resource.FEDERATION_TABLES, List.of("dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem")),
    /** Audit entries only: item puts in the federation tables (functions that change no federation data). */
    AUDIT_WRITE(Resource.FEDERATION_TABLES, List.of("dynamodb:PutItem")),
    /** Whole-table scans of the federation tables (batch jobs only). */
    FEDERATION_SCAN(Resource.FEDERATION_TABLES, List.of("dynamodb:Scan")),
    /** Platform table reads: federation registry, API keys, library. */
    PLATFORM_READ(Resource.PLATFORM_TABLE, Actions.TABLE_READ),
    /** Platform table writes: registry edits, API keys, per-source rate limits, library. */
    PLATFORM_WRITE(Resource.PLATFORM_TABLE, Actions.TABLE_WRITE),
    /** Refreshing a session's last use (UpdateItem on the platform table): functions that check sessions but write none. */
    SESSION_TOUCH(Resource.PLATFORM_TABLE, List.of("dynamodb:UpdateItem")),
    /** ses:SendEmail from the mail domain through the configuration set. */
    SEND_MAIL(Resource.MAIL, List.of("ses:SendEmail")),
    /** events:PutEvents on the stage's bus. */
    PUT_EVENTS(Resource.EVENT_BUS, List.of("events:PutEvents")),
    /** Object reads in the content bucket (and presigned GETs signed by the function); listing of uploads/. */
    CONTENT_BUCKET_READ(Resource.CONTENT_BUCKET, List.of("s3:GetObject", "s3:ListBucket")),
    /** Object writes and deletes in the content bucket (and presigned PUTs, multipart included). */
    CONTENT_BUCKET_WRITE(Resource.CONTENT_BUCKET, List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts")),
    /** The tracking and link token keys (sign and verify confirm, unsubscribe, pixel and click links). */
    TOKEN_KEYS(Resource.SECRET, Actions.SECRET_READ),
    /** The keyed-hash key (email index and suppression, pseudonymised IPs, audit targets, like markers). */
    HASH_KEY(Resource.SECRET, Actions.SECRET_READ),
    /** The field encryption key: decrypts contacts' addresses and names, proposers' names. */
    DATA_KEY(Resource.SECRET, Actions.SECRET_READ);

    /** What a grant is about; infra maps each to its ARNs. */
    public enum Resource { FEDERATION_TABLES, PLATFORM_TABLE, MAIL, EVENT_BUS, CONTENT_BUCKET, SECRET }

    private final Resource resource;
    private final List<String> actions;

    Grant(Resource resource, List<String> actions) {
        this.resource = resource;
        this.actions = actions;
    }

    public Resource resource() {
        return resource;
    }

    /** IAM action names, one by one, never a wildcard. */
    public List<String> actions() {
        return actions;
    }

    public boolean isSecret() {
        return resource == Resource.SECRET;
    }

    public static Optional<Grant> parse(String name) {
        return Arrays.stream(values()).filter(g -> g.name().equals(name)).findFirst();
    }

    /** The grants a wiring function lists; an unknown name is an error that names it. */
    public static List<Grant> of(Wiring.FunctionSpec function) {
        return function.grants().stream().map(name -> parse(name).orElseThrow(() -> new IllegalStateException(
                "function " + function.name() + ": unknown grant " + name))).toList();
    }

    private static final class Actions {
        static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable");
        static final List<String> TABLE_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem");
        static final List<String> SECRET_READ = List.of("secretsmanager:GetSecretValue");

        static List<String> concat(List<String> a, List<String> b) {
            return Stream.concat(a.stream(), b.stream()).toList();
        }
    }
}
