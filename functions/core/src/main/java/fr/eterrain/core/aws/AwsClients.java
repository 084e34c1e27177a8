package fr.eterrain.core.aws;

import fr.eterrain.core.config.Settings;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * AWS clients, built once per container with an explicit region, credentials provider and the light
 * URL-connection HTTP client. {@code AWS_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL_<SERVICE>}) points them at
 * LocalStack or the embedded emulators.
 */
public final class AwsClients {
    private final Settings settings;
    private final ClientHooks hooks;
    private final Supplier<DynamoDbClient> dynamo;
    // Typed Object, cast where handed out: a lambda typed with a service's class would load that class when this
    // constructor runs, and a function that never uses the service does not carry its module (see core's pom).
    private final Supplier<Object> enhanced;
    private final Supplier<Object> ses;
    private final Supplier<Object> events;
    private final Supplier<Object> s3;
    private final Supplier<Object> presigner;
    private final GrantCheck grantCheck;

    public AwsClients(Settings settings) {
        this(settings, ClientHooks.NONE);
    }

    public AwsClients(Settings settings, ClientHooks hooks) {
        this.settings = settings;
        this.hooks = hooks;
        this.grantCheck = GrantRules.of(settings).map(GrantCheck::new).orElse(null);
        this.dynamo = Lazy.of(() -> configure(DynamoDbClient.builder(), "DYNAMODB").build());
        this.enhanced = Lazy.of(() -> DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo.get()).build());
        this.ses = Lazy.of(() -> configure(SesV2Client.builder(), "SESV2").build());
        this.events = Lazy.of(() -> configure(EventBridgeClient.builder(), "EVENTBRIDGE").build());
        // Emulators and LocalStack serve buckets as paths, not host names. Checksums only where S3 requires them:
        // uploads are checked by the content intake itself, thumbnails are ours.
        this.s3 = Lazy.of(() -> configure(S3Client.builder(), "S3")
                // Copying or hashing a 2 GiB video takes longer than a table call: S3 gets its own timeouts.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(settings.integer("S3_CALL_TIMEOUT_SECONDS", 300)))
                        .executionInterceptors(interceptors("S3"))
                        .build())
                .httpClient(hooks.wrap("S3", UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(60)).build()))
                .forcePathStyle(settings.endpoint("S3").isPresent())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build());
        this.presigner = Lazy.of(() -> buildPresigner());
        Priming.onPriming(this::warm);
    }

    /**
     * SnapStart priming: one read of a key that does not exist, which loads and runs the whole DynamoDB request
     * path (marshalling, signing, the HTTP client, unmarshalling) before the snapshot. A refusal (the function's
     * role may not read that table) primes as well.
     */
    void warm() {
        try {
            String table = new fr.eterrain.core.store.TableLayout(settings.tablePrefix()).platformTable();
            dynamo().getItem(r -> r.tableName(table).key(java.util.Map.of(
                    "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PRIMING"),
                    "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PRIMING"))));
        } catch (RuntimeException e) {
            // primed all the same
        }
    }

    private java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors(String service) {
        java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> all =
                new java.util.ArrayList<>(hooks.interceptors(service));
        if (grantCheck != null) {
            all.add(0, grantCheck);
        }
        return all;
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public DynamoDbEnhancedClient enhanced() {
        return (DynamoDbEnhancedClient) enhanced.get();
    }

    public SesV2Client ses() {
        return (SesV2Client) ses.get();
    }

    public EventBridgeClient events() {
        return (EventBridgeClient) events.get();
    }

    public S3Client s3() {
        return (S3Client) s3.get();
    }

    /** Signs URLs locally (no call to AWS), with the same region, credentials and endpoint as {@link #s3()}. */
    public S3Presigner presigner() {
        return (S3Presigner) presigner.get();
    }

    private S3Presigner buildPresigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials("S3"))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.endpoint("S3").isPresent()).build());
        settings.endpoint("S3").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * SES is retried only when it says it is throttling. A lost connection or a timeout may come after SES took
     * the message: retrying it would send the email twice, so that case reaches the caller (see SesMailer).
     */
    private static software.amazon.awssdk.retries.api.RetryStrategy sesRetries() {
        java.util.function.Predicate<Throwable> throttled = t -> t instanceof SdkServiceException s
                && (s.isThrottlingException() || s.statusCode() == 429);
        return software.amazon.awssdk.retries.StandardRetryStrategy.builder()
                .maxAttempts(3)
                .retryOnException(throttled)
                .treatAsThrottling(throttled)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(5)))
                .circuitBreakerEnabled(false)
                .build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (service.equals("SESV2")) {
            override.retryStrategy(sesRetries());
        } else {
            override.retryStrategy(RetryMode.STANDARD);
        }
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials(service))
                .overrideConfiguration(override
                        .apiCallTimeout(Duration.ofSeconds(settings.integer("AWS_CALL_TIMEOUT_SECONDS", 10)))
                        .executionInterceptors(interceptors(service))
                        .build());
        settings.endpoint(service).ifPresent(builder::endpointOverride);
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(hooks.wrap(service, UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(10)).build()));
        }
        return builder;
    }

    private AwsCredentialsProvider credentials(String service) {
        var keyId = settings.optional("AWS_ACCESS_KEY_ID");
        var secret = settings.optional("AWS_SECRET_ACCESS_KEY");
        if (settings.endpoint(service).isPresent()) {
            // Emulators and LocalStack accept any key; real values win when given.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId.orElse("local"), secret.orElse("local")));
        }
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            // With SnapStart, Lambda gives no access keys in the environment but a container credentials endpoint
            // (AWS_CONTAINER_CREDENTIALS_FULL_URI with its token): the environment variables alone fail there.
            return System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                    ? ContainerCredentialsProvider.builder().build()
                    : EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Memoises a supplier; thread-safe, at most one value. */
    static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        private Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        static <T> Lazy<T> of(Supplier<T> factory) {
            return new Lazy<>(factory);
        }

        @Override
        public T get() {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        value = result = factory.get();
                    }
                }
            }
            return result;
        }
    }
}
