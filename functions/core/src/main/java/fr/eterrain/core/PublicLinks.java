package fr.eterrain.core;

import fr.eterrain.core.aws.lite.DirectAws;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.security.Secrets;
import fr.eterrain.core.security.SecretsManagerKeys;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.store.dynamo.DynamoTrackingStore;
import fr.eterrain.core.tracking.Tracker;
import fr.eterrain.core.tracking.TrackingTokens;
import fr.eterrain.core.tracking.TrafficClassifier;
import java.time.Clock;

/**
 * What the open pixel and the click redirect are built from, without {@link Platform}: their path touches no AWS
 * SDK class (DynamoDB and the token keys' secret through {@link DirectAws}), so their deployables carry none and
 * start in a fraction of the time. The people waiting on them are those who just opened an email.
 */
public final class PublicLinks {
    private PublicLinks() {
    }

    /** One per container: the tracker caches sent newsletters' links. */
    public static Tracker tracker(Settings settings) {
        DirectAws aws = new DirectAws(settings);
        return tracker(SecretsManagerKeys.resolve(settings, aws::secret), aws, Clock.systemUTC());
    }

    /** @param settings with the keys already read from Secrets Manager */
    static Tracker tracker(Settings settings, DirectAws aws, Clock clock) {
        return new Tracker(new TrackingTokens(Secrets.tokenKeys(settings)),
                new DynamoTrackingStore(aws.dynamo(), new TableLayout(settings.tablePrefix())), new TrafficClassifier(), clock);
    }
}
