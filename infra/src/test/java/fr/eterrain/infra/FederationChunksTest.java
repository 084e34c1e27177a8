package fr.eterrain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederationChunksTest {
    private final List<Federation> seed = FederationSeed.load("e-terrain.example", List.of());

    @Test
    void chunksCoverEveryFederationOnceInSeedOrder() {
        List<List<Federation>> chunks = FederationChunks.of(seed);
        assertEquals(3, chunks.size());
        chunks.forEach(chunk -> assertTrue(chunk.size() <= FederationChunks.SIZE));
        assertEquals(seed, chunks.stream().flatMap(List::stream).toList());
    }

    @Test
    void appendingAFederationMovesNoExistingTable() {
        List<Federation> grown = new ArrayList<>(seed);
        grown.add(new Federation("NEW", "Nouvelle", "new@e-terrain.example", List.of(), Map.of()));
        List<List<Federation>> before = FederationChunks.of(seed);
        List<List<Federation>> after = FederationChunks.of(grown);
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i).subList(0, before.get(i).size()));
        }
    }
}
