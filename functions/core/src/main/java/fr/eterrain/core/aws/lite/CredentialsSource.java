package fr.eterrain.core.aws.lite;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Where a direct call's keys come from, in the order Lambda offers them: the emulators' any-key when an endpoint is
 * overridden; the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and its token), which is
 * all a SnapStart function gets; else the environment's access keys. Container credentials are kept until five
 * minutes before they expire, and forgotten after a SnapStart restore ({@link #forget()}).
 */
public final class CredentialsSource {
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final Function<String, String> env;
    private final boolean emulated;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(SigV4.Credentials credentials, Instant renewAt) {
    }

    CredentialsSource(Function<String, String> env, boolean emulated, Clock clock) {
        this.env = env;
        this.emulated = emulated;
        this.clock = clock;
    }

    /** @param emulated an endpoint is overridden: LocalStack and the emulators take any key */
    public static CredentialsSource of(Settings settings, boolean emulated) {
        return new CredentialsSource(name -> settings.optional(name).orElse(null), emulated, Clock.systemUTC());
    }

    public SigV4.Credentials get() {
        if (emulated) {
            return new SigV4.Credentials(or(env.apply("AWS_ACCESS_KEY_ID"), "local"),
                    or(env.apply("AWS_SECRET_ACCESS_KEY"), "local"), env.apply("AWS_SESSION_TOKEN"));
        }
        String container = env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (container != null) {
            Cached c = cached;
            if (c == null || !clock.instant().isBefore(c.renewAt())) {
                c = cached = fetch(container);
            }
            return c.credentials();
        }
        String id = env.apply("AWS_ACCESS_KEY_ID");
        String secret = env.apply("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            throw new IllegalStateException("no AWS credentials: neither AWS_CONTAINER_CREDENTIALS_FULL_URI nor"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set");
        }
        return new SigV4.Credentials(id, secret, env.apply("AWS_SESSION_TOKEN"));
    }

    /** After a restore: the next call asks the container endpoint again. */
    public void forget() {
        cached = null;
    }

    private Cached fetch(String uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(uri).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            String token = token();
            if (token != null) {
                c.setRequestProperty("Authorization", token);
            }
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException("the container credentials endpoint answered " + status);
            }
            JsonNode body;
            try (InputStream in = c.getInputStream()) {
                body = Json.read(in);
            }
            SigV4.Credentials credentials = new SigV4.Credentials(body.path("AccessKeyId").asText(null),
                    body.path("SecretAccessKey").asText(null), body.path("Token").asText(null));
            if (credentials.accessKeyId() == null || credentials.secretAccessKey() == null) {
                throw new IllegalStateException("the container credentials endpoint gave no keys");
            }
            Instant renewAt = body.hasNonNull("Expiration")
                    ? Instant.parse(body.get("Expiration").asText()).minus(EARLY) : clock.instant().plus(EARLY);
            return new Cached(credentials, renewAt);
        } catch (IOException e) {
            throw new UncheckedIOException("container credentials", e);
        }
    }

    private String token() throws IOException {
        String file = env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (file != null) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        }
        return env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
