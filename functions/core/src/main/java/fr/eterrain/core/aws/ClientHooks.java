package fr.eterrain.core.aws;

import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * What tests and benchmarks may add to the AWS clients: a wrapper around each service's HTTP client (to inject
 * throttling the way the service answers it) and execution interceptors (to count consumed capacity). Functions
 * deployed to Lambda use {@link #NONE}.
 */
public interface ClientHooks {
    ClientHooks NONE = new ClientHooks() {
    };

    /** @param service the endpoint suffix naming the service: DYNAMODB, SESV2, EVENTBRIDGE, S3, SECRETS_MANAGER */
    default SdkHttpClient wrap(String service, SdkHttpClient client) {
        return client;
    }

    default List<ExecutionInterceptor> interceptors(String service) {
        return List.of();
    }

    /** The same for the calls made without the SDK ({@code aws.lite}: tracking, events, mail, secrets at init). */
    default fr.eterrain.core.aws.lite.DirectHooks direct() {
        return fr.eterrain.core.aws.lite.DirectHooks.NONE;
    }
}
