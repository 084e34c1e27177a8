package fr.eterrain.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trees read and written without the ObjectMapper are the ones the mapper reads and writes, node type for node type. */
class JsonStreamingTest {
    private static final List<String> SAMPLES = List.of(
            "{\"a\":1,\"b\":[\"x\",true,false,null,2.5,-0.0,1e300],\"c\":{\"d\":\"é\\u00e9\\ud83d\\ude00\\\"\\\\/\\n\"}}",
            "{\"int\":2147483647,\"long\":2147483648,\"big\":123456789012345678901234567890,\"neg\":-9223372036854775808}",
            "{\"dup\":1,\"dup\":2}",
            "[[],{},[[{\"deep\":[1]}]]]",
            "\"just a string\"",
            "42",
            "{\"html\":\"<script>alert(1)</script>\"}");

    @Test
    void readsTheSameTreesAsTheMapper() throws IOException {
        for (String sample : SAMPLES) {
            JsonNode mapper = Json.mapper().readTree(sample);
            JsonNode ours = Json.parse(sample);
            assertEquals(mapper, ours, sample);
            assertEquals(mapper.getNodeType(), ours.getNodeType());
            assertEquals(mapper.toString(), Json.write(ours), "written as the mapper writes it: " + sample);
            assertEquals(mapper, Json.read(new ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8))));
        }
        JsonNode numbers = Json.parse(SAMPLES.get(1));
        assertTrue(numbers.get("int").isInt());
        assertTrue(numbers.get("long").isLong());
        assertTrue(numbers.get("big").isBigInteger());
        assertEquals(2, Json.parse(SAMPLES.get(2)).get("dup").asInt(), "the last of duplicate keys, as the mapper keeps");
    }

    @Test
    void emptyAndMalformedInputAreRefusedAsBefore() {
        assertTrue(Json.parse("").isMissingNode());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{'a':1}"));
        assertThrows(IOException.class, () -> Json.read("[1,".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nestingBeyondTheParsersLimitIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
    }

    @Test
    void objectsThatAreNotTreesStillGoThroughTheMapper() {
        record Point(int x, String label) {
        }
        assertEquals("{\"x\":1,\"label\":\"a\"}", Json.write(new Point(1, "a")));
    }
}
