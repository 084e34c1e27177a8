package fr.eterrain.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting a function reads, from one source. Environment variables are the Lambda way; the local
 * runtime and tests pass the same names as a map (system properties cannot replace a process environment).
 */
public final class Settings {
    private final Function<String, String> source;

    public Settings(Function<String, String> source) {
        this.source = source;
    }

    public static Settings fromEnvironment() {
        return new Settings(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values::get);
    }

    /** Same settings with some values replaced. */
    public Settings with(Map<String, String> overrides) {
        Function<String, String> base = source;
        return new Settings(name -> overrides.containsKey(name) ? overrides.get(name) : base.apply(name));
    }

    public Optional<String> optional(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("missing setting " + name));
    }

    public int integer(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }

    public String stage() {
        return get("STAGE", "local");
    }

    public String region() {
        return get("AWS_REGION", get("AWS_DEFAULT_REGION", "eu-west-3"));
    }

    /** Table names start with this: {@code eterrain-<stage>}. */
    public String tablePrefix() {
        return get("TABLE_PREFIX", "eterrain-" + stage());
    }

    /** Base of every link we put in an email or page, without a trailing slash. */
    public String publicBaseUrl() {
        String url = get("PUBLIC_BASE_URL", "http://localhost:3000");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The endpoint for one service: {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}. */
    public Optional<URI> endpoint(String serviceEnvSuffix) {
        return optional("AWS_ENDPOINT_URL_" + serviceEnvSuffix).or(() -> optional("AWS_ENDPOINT_URL")).map(URI::create);
    }

    public String eventBusName() {
        return get("EVENT_BUS_NAME", "eterrain-" + stage());
    }

    public Optional<String> sesConfigurationSet() {
        return optional("SES_CONFIGURATION_SET");
    }

    public String mailDomain() {
        return get("MAIL_DOMAIN", "e-terrain.example");
    }

    /** The content library's bucket ({@code CONTENT_BUCKET}, else {@code eterrain-<stage>-content}). */
    public String contentBucket() {
        return get("CONTENT_BUCKET", "eterrain-" + stage() + "-content");
    }

    public Duration duration(String name, Duration fallback) {
        return optional(name).map(Duration::parse).orElse(fallback);
    }
}
