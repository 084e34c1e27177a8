package fr.eterrain.bench;

import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.people.Person;
import fr.eterrain.core.store.TableLayout;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What checking a console session costs each request: DynamoDB calls and read units per check, as DynamoDB reports
 * them, and the check's latency through core Access (token parse, keyed hash, one GetItem, role matrix) beside a bare
 * GetItem of the same item with the same client, measured in the same run.
 */
final class SessionsBench implements Measurement {
    private static final int WARMUP = 500;
    private static final int CHECKS = 3_000;

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public void run(BenchContext context, Report report) {
        CapacityMeter meter = new CapacityMeter();
        Platform platform = new Platform(context.settings(), Clock.systemUTC(), meter);
        Person person = platform.people().bootstrap("31", "bench-session@example.org", "Banc d'essai", "coordinator", "bench");
        String token = platform.sessions().open(person).token();
        Access access = platform.access();
        var event = Json.object().put("routeKey", "GET /v1/federations/{fed}/contacts");
        event.putObject("headers").put("cookie", platform.sessionCookie().name() + "=" + token);
        event.putObject("pathParameters").put("fed", "31");
        event.putObject("requestContext").put("requestId", "bench").putObject("http").put("method", "GET").put("path", "/x");
        HttpRequest request = HttpRequest.fromEvent(event);

        String tokenHash = platform.peopleStore().sessions(person.id()).get(0).tokenHash();
        DynamoDbClient dynamo = platform.clients().dynamo();
        String table = platform.layout().platformTable();
        Map<String, AttributeValue> key = Map.of(TableLayout.PK, AttributeValue.fromS("PERSON#" + person.id()),
                TableLayout.SK, AttributeValue.fromS("SESSION#" + tokenHash));

        for (int i = 0; i < WARMUP; i++) {
            access.authenticate(request);
            dynamo.getItem(r -> r.tableName(table).key(key));
        }
        Samples checks = new Samples();
        Samples bare = new Samples();
        CapacityMeter.Usage before = meter.snapshot();
        for (int i = 0; i < CHECKS; i++) {
            long t = System.nanoTime();
            access.authenticate(request);
            checks.add(System.nanoTime() - t);
        }
        CapacityMeter.Usage used = meter.snapshot().minus(before);
        for (int i = 0; i < CHECKS; i++) {
            long t = System.nanoTime();
            dynamo.getItem(r -> r.tableName(table).key(key));
            bare.add(System.nanoTime() - t);
        }
        double reads = used.calls().getOrDefault("GetItem", 0L) / (double) CHECKS;
        Report.Section s = report.section("Session check per request",
                CHECKS + " checks of one coordinator's session through core Access (the cookie's token parsed, its keyed"
                        + " hash, one GetItem by key, the role matrix, the route's permission) on DynamoDB Local, after "
                        + WARMUP + " warm-up checks, beside a bare GetItem of the same item with the same client. Calls and"
                        + " read units as DynamoDB reports them (ReturnConsumedCapacity=TOTAL). The last-use refresh (an"
                        + " UpdateItem at most every 5 minutes per session) does not happen within a run this short.");
        s.row("DynamoDB reads per session check", reads, "GetItem", 1.0, "target: at most 1",
                "all calls per check: " + used.callsPer(CHECKS) + "; " + Report.format(used.readUnits() / CHECKS) + " RRU");
        s.row("Session check, median", checks.medianMicros() / 1000, "ms", bare.medianMicros() / 1000, "bare GetItem median",
                null);
        s.row("Session check, p99", checks.p99Micros() / 1000, "ms", bare.p99Micros() / 1000, "bare GetItem p99", null);
        System.out.printf("   %.2f GetItem per check, median %.3f ms (bare GetItem %.3f ms)%n", reads,
                checks.medianMicros() / 1000, bare.medianMicros() / 1000);
    }
}
