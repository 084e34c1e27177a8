package fr.eterrain.local;

import fr.eterrain.core.Platform;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationSeed;
import fr.eterrain.core.store.TableLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Makes an empty emulator stack look like a deployed stage: the platform table and one table per federation,
 * the content bucket, and the 102 federations seeded. Every step is idempotent, so it runs at each start.
 */
public final class Provisioner {
    private final Settings settings;

    public Provisioner(Settings settings) {
        this.settings = settings;
    }

    /** @param apiBaseUrl the local API's URL, allowed as an origin for every federation's signup form */
    public void provision(String apiBaseUrl) {
        long start = System.nanoTime();
        List<Federation> federations = FederationSeed.load(settings.mailDomain(), List.of(apiBaseUrl));
        TableLayout layout = new TableLayout(settings.tablePrefix());
        List<String> tables = new ArrayList<>();
        tables.add(layout.platformTable());
        federations.forEach(f -> tables.add(layout.federationTable(f.id())));
        List<String> created = new Tables(new AwsClients(settings).dynamo()).createMissing(tables);
        createBucket(contentBucket(settings));
        new Platform(settings).federations().seed(federations);
        Console.info("provisioned " + tables.size() + " tables (" + created.size() + " new), bucket "
                + contentBucket(settings) + ", " + federations.size() + " federations in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    }

    public static String contentBucket(Settings settings) {
        return settings.contentBucket();
    }

    private void createBucket(String bucket) {
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                // s3proxy runs with authorization=none; LocalStack accepts any key.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                // Emulators serve buckets as paths, not as host names.
                .forcePathStyle(true);
        settings.endpoint(Emulators.S3).ifPresent(builder::endpointOverride);
        try (S3Client s3 = builder.build()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // created meanwhile: fine
        }
    }
}
