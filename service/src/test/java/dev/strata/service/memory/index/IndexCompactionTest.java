package dev.strata.service.memory.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.memory.embedding.MiniLmEmbeddingProvider;
import dev.strata.service.memory.embedding.Vectors;
import dev.strata.service.support.EmbeddedStores;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Compaction of the memory index into one segment (one HNSW graph), on a private copy of the
 * memories table (its own schema, so the servers of this test run are not disturbed): every memory
 * stays findable, and writes applied while it runs are not lost.
 */
class IndexCompactionTest {

    private JdbcTemplate jdbc;
    private final Random random = new Random(11);
    private final List<float[]> vectors = new ArrayList<>();

    @BeforeEach
    void privateTables() {
        String url = EmbeddedStores.migratedPostgresUrl();
        JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
        admin.execute("DROP SCHEMA IF EXISTS compaction_test CASCADE");
        admin.execute("CREATE SCHEMA compaction_test");
        admin.execute("CREATE TABLE compaction_test.memories (LIKE public.memories INCLUDING DEFAULTS)");
        admin.execute("CREATE TABLE compaction_test.memory_changes (LIKE public.memory_changes INCLUDING DEFAULTS)");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=compaction_test",
                "postgres", "postgres"));
    }

    /** Inserts memories m{from}..m{to - 1} of one user with random unit vectors; returns their ids. */
    private List<String> insert(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            float[] vector = new float[MiniLmEmbeddingProvider.DIMENSIONS];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vector = Vectors.normalize(vector);
            vectors.add(vector);
            jdbc.update("INSERT INTO memories (id, tenant_id, user_id, text, text_hash, embedding) VALUES (?, 't', 'u', ?, ?, ?)",
                    "m" + i, "memory number " + i, ByteBuffer.allocate(8).putLong(i).array(), Vectors.toBytes(vector));
            ids.add("m" + i);
        }
        return ids;
    }

    private static void assertEveryMemoryIsItsOwnNearest(MemoryIndex index, List<float[]> vectors) {
        for (int i = 0; i < vectors.size(); i++) {
            assertThat(index.nearest(vectors.get(i), IndexFilter.owner("t", "u"), 1)).extracting(IndexHit::id).containsExactly("m" + i);
        }
    }

    @Test
    void compactionLeavesOneSegmentAndEveryMemoryFindable() throws Exception {
        insert(0, 400);
        try (MemoryIndex index = new MemoryIndex(Files.createTempDirectory("compaction-test"), true);
             IndexSync sync = new IndexSync(index, new IndexSource(jdbc, new ObjectMapper()), jdbc, 50, false)) {
            sync.start();
            // Each apply refreshes, and each refresh writes a segment of its own: fragment the index as live writes do.
            for (int batch = 0; batch < 3; batch++) {
                sync.apply(insert(400 + batch * 10, 410 + batch * 10));
            }
            int before = index.segments();
            assertThat(before).isGreaterThanOrEqualTo(4);
            var compaction = sync.compactSoon();
            // A write while the merge may still run: it lands in a new segment and is not lost.
            sync.apply(insert(430, 431));
            compaction.get();
            assertThat(index.documents()).isEqualTo(431);
            assertThat(index.segments()).isLessThan(before).isLessThanOrEqualTo(2);
            assertEveryMemoryIsItsOwnNearest(index, vectors);
        }
    }

    @Test
    void theServerCompactsAfterItsStartUpRebuildWhenAskedTo() throws Exception {
        insert(0, 300);
        try (MemoryIndex index = new MemoryIndex(Files.createTempDirectory("compaction-test"), true);
             IndexSync sync = new IndexSync(index, new IndexSource(jdbc, new ObjectMapper()), jdbc, 50, true)) {
            sync.start();
            sync.awaitCompaction();
            assertThat(sync.compacting()).isFalse();
            assertThat(index.segments()).isEqualTo(1);
            assertThat(index.documents()).isEqualTo(300);
            assertEveryMemoryIsItsOwnNearest(index, vectors);
        }
    }
}
