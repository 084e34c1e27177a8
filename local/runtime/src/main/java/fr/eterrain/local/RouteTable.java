package fr.eterrain.local;

import fr.eterrain.core.wiring.Wiring.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a request to a route the way API Gateway HTTP APIs do: {@code {name}} takes one segment,
 * {@code {name+}} (last only) the rest, and the most specific route wins: a literal segment beats a parameter,
 * which beats a greedy one, comparing from the left ({@code /contacts/import} beats {@code /contacts/{id}}).
 */
public final class RouteTable {
    /** What a request path and method lead to. */
    public sealed interface Match permits Found, MethodNotAllowed, NotFound {
    }

    /** @param pathParameters decoded values, as API Gateway passes them */
    public record Found(Route route, Map<String, String> pathParameters) implements Match {
    }

    /** Some route has this path, none has this method. */
    public record MethodNotAllowed(List<String> allowed) implements Match {
    }

    public record NotFound() implements Match {
    }

    private final List<Template> templates;

    public RouteTable(List<Route> routes) {
        this.templates = routes.stream().map(Template::new).toList();
    }

    public Match match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        List<Candidate> candidates = new ArrayList<>();
        for (Template template : templates) {
            template.bind(segments).ifPresent(parameters -> candidates.add(new Candidate(template, parameters)));
        }
        if (candidates.isEmpty()) {
            return new NotFound();
        }
        String wanted = method.toUpperCase(Locale.ROOT);
        Optional<Candidate> best = candidates.stream()
                .filter(c -> c.template.route.method().equalsIgnoreCase(wanted) || c.template.route.method().equals("ANY"))
                .min(Comparator.comparing(c -> c.template, Template.MOST_SPECIFIC_FIRST));
        if (best.isPresent()) {
            return new Found(best.get().template.route, best.get().parameters);
        }
        return new MethodNotAllowed(candidates.stream().map(c -> c.template.route.method()).distinct().sorted().toList());
    }

    /** Splits before decoding, so an encoded slash stays inside its segment. Empty segments are dropped. */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part));
            }
        }
        return segments;
    }

    /** Percent-decoding of a path segment: unlike a query string, '+' stays a plus. */
    static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return part;
        }
    }

    private record Candidate(Template template, Map<String, String> parameters) {
    }

    private static final class Template {
        /** Per segment: 0 literal, 1 parameter, 2 greedy; routes compare on these, left to right. */
        static final Comparator<Template> MOST_SPECIFIC_FIRST = (a, b) -> {
            for (int i = 0; i < Math.max(a.kinds.size(), b.kinds.size()); i++) {
                int ka = i < a.kinds.size() ? a.kinds.get(i) : -1;
                int kb = i < b.kinds.size() ? b.kinds.get(i) : -1;
                if (ka != kb) {
                    return Integer.compare(ka, kb);
                }
            }
            return 0;
        };

        final Route route;
        final List<String> parts;
        final List<Integer> kinds = new ArrayList<>();

        Template(Route route) {
            this.route = route;
            this.parts = segments(route.path());
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                boolean parameter = part.startsWith("{") && part.endsWith("}");
                boolean greedy = parameter && part.endsWith("+}");
                if (greedy && i != parts.size() - 1) {
                    throw new IllegalArgumentException("greedy parameter not last in " + route.path());
                }
                kinds.add(greedy ? 2 : parameter ? 1 : 0);
            }
        }

        Optional<Map<String, String>> bind(List<String> segments) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                int kind = kinds.get(i);
                if (kind == 2) {
                    if (i >= segments.size()) {
                        return Optional.empty();
                    }
                    parameters.put(name(part), String.join("/", segments.subList(i, segments.size())));
                    return Optional.of(parameters);
                }
                if (i >= segments.size()) {
                    return Optional.empty();
                }
                if (kind == 1) {
                    parameters.put(name(part), segments.get(i));
                } else if (!part.equals(segments.get(i))) {
                    return Optional.empty();
                }
            }
            return segments.size() == parts.size() ? Optional.of(parameters) : Optional.empty();
        }

        private static String name(String part) {
            return part.substring(1, part.length() - 1).replace("+", "");
        }
    }
}
