package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `make run`'s ports: a second stack given only PORT (and SES_PORT) collides with nothing of the first. */
class StackOptionsTest {
    private static List<Integer> ports(StackOptions o) {
        return List.of(o.apiPort(), o.eventsPort(), o.dynamoPort(), o.s3Port(), o.sesPort());
    }

    @Test
    void theDefaultsStayWhereTheReadmeSays() {
        assertEquals(List.of(3000, 3001, 8000, 8001, 8005), ports(StackOptions.forRun(Map.of())));
    }

    @Test
    void withPortAloneEveryOtherPortFollowsIt() {
        assertEquals(List.of(3200, 3201, 3202, 3203, 3205), ports(StackOptions.forRun(Map.of("PORT", "3200"))));
        assertEquals(List.of(3200, 3201, 3202, 3203, 3209),
                ports(StackOptions.forRun(Map.of("PORT", "3200", "SES_PORT", "3209"))), "an explicit port wins");
        assertEquals(List.of(3300, 3301, 3302, 4000, 3305),
                ports(StackOptions.forRun(Map.of("PORT", "3300", "S3_PORT", "4000"))));
    }
}
