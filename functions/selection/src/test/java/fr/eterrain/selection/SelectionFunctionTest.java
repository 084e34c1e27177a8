package fr.eterrain.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.selection.Cadence;
import fr.eterrain.core.testing.ContentKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionFunctionTest {
    private final ContentKit kit = new ContentKit();

    private JsonNode invoke(String payload, boolean local) {
        return new SelectionFunction(kit.selections, kit.clock, local).handleEvent(Json.parse(payload), "test");
    }

    @Test
    void theWeeklyScheduleSelectsLastWeekOnceWhateverTheRetries() {
        kit.approved("06");
        kit.clock.advance(Duration.ofDays(7));
        JsonNode first = invoke("{\"cadence\":\"weekly\"}", false);
        JsonNode again = invoke("{\"cadence\":\"weekly\"}", false);
        assertEquals("2026-W48", first.at("/selections/0/period").asText());
        assertTrue(first.at("/selections/0/created").asBoolean());
        assertEquals(false, again.at("/selections/0/created").asBoolean());
        assertEquals(1, again.at("/selections/0/items").asInt());
        assertEquals(1, kit.events.published.size());
    }

    @Test
    void withoutInputTheFirstOfTheMonthAlsoDoesTheMonthlyOne() {
        assertEquals(List.of(Cadence.WEEKLY), SelectionRequest.cadencesDue(Instant.parse("2026-11-30T08:00:00Z")));
        assertEquals(List.of(Cadence.WEEKLY, Cadence.MONTHLY), SelectionRequest.cadencesDue(Instant.parse("2026-12-01T08:00:00Z")));
        assertEquals(2, SelectionRequest.due(null, null, Instant.parse("2026-12-01T08:00:00Z"), false).size());
    }

    @Test
    void aRunningPeriodIsForDemosOnlyAndBadInputIsAnsweredNotRetried() {
        Instant now = kit.clock.instant();
        assertEquals("period_not_ended", assertThrows(ApiException.class,
                () -> SelectionRequest.due("weekly", "2026-W48", now, false)).code());
        assertEquals("2026-W48", SelectionRequest.due("weekly", "2026-W48", now, true).get(0).period().label());
        assertEquals("cadence_mismatch", assertThrows(ApiException.class,
                () -> SelectionRequest.due("weekly", "2026-11", now.plus(Duration.ofDays(40)), false)).code());
        assertEquals("invalid_period", invoke("{\"period\":\"2026-W99\"}", false).at("/error/code").asText());
        assertEquals("invalid_enum", invoke("{\"cadence\":\"daily\"}", false).at("/error/code").asText());
        // A 'now' the schema's date-time format accepts but Instant.parse does not.
        assertEquals("invalid_format", invoke("{\"cadence\":\"weekly\",\"now\":\"2026-11-24T10:00:00Z975\"}", true)
                .at("/error/code").asText());
        assertTrue(kit.selectionStore.selections.isEmpty());
    }
}
