package dev.strata.service.memory.longterm;

import dev.strata.service.api.ApiException;
import dev.strata.service.memory.MemoryProperties;
import dev.strata.service.memory.MemoryRules;
import dev.strata.service.memory.embedding.EmbeddingBatcher;
import dev.strata.service.memory.embedding.Vectors;
import dev.strata.service.memory.index.IndexFilter;
import dev.strata.service.memory.index.IndexHit;
import dev.strata.service.memory.index.IndexSync;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Writes (with deduplication), reads, updates and deletes long-term memories. */
@Service
public class MemoryService {

    private final MemoryRepository repository;
    private final EmbeddingBatcher embeddings;
    private final IndexSync index;
    private final MemoryProperties properties;

    public MemoryService(MemoryRepository repository, EmbeddingBatcher embeddings, IndexSync index, MemoryProperties properties) {
        this.repository = repository;
        this.embeddings = embeddings;
        this.index = index;
        this.properties = properties;
    }

    /** Validates every input before anything is written, so a bad batch writes nothing. */
    public List<MemoryInput> validate(List<MemoryInput> inputs) {
        List<MemoryInput> valid = new ArrayList<>(inputs.size());
        for (MemoryInput in : inputs) {
            MemoryRules.importance(in.importance());
            valid.add(new MemoryInput(MemoryRules.id("userId", in.userId()), MemoryRules.optionalId("sessionId", in.sessionId()),
                    MemoryRules.text("text", in.text(), properties.maxTextChars()).strip(), MemoryRules.labels("topics", in.topics()),
                    MemoryRules.labels("entities", in.entities()), in.importance(), in.metadata()));
        }
        return valid;
    }

    public List<WriteOutcome> write(String tenantId, List<MemoryInput> inputs) {
        return write(tenantId, inputs, null);
    }

    /**
     * Stores memories, embedding them in one batch. An exact duplicate of a stored memory of the
     * same user is merged into it; a near-duplicate (cosine similarity at or above
     * {@code strata.memory.near-duplicate-similarity}) is linked to it or merged, per
     * {@code strata.memory.near-duplicate-policy}. Nothing is dropped: merged texts stay in the
     * original's history. Returns once every write is committed and searchable on this instance.
     */
    public List<WriteOutcome> write(String tenantId, List<MemoryInput> raw, List<Instant> createdAt) {
        List<MemoryInput> inputs = validate(raw);
        List<float[]> vectors = embeddings.embed(inputs.stream().map(MemoryInput::text).toList());
        List<WriteOutcome> outcomes = new ArrayList<>(inputs.size());
        // Memories written earlier in this call are not yet in the index; compare against them directly.
        List<Accepted> accepted = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            MemoryInput in = inputs.get(i);
            float[] vector = vectors.get(i);
            double importance = MemoryRules.importance(in.importance());
            WriteOutcome outcome = writeOne(tenantId, in, vector, importance, createdAt == null ? null : createdAt.get(i), accepted);
            outcomes.add(outcome);
            touched.add(outcome.id());
            if (outcome.created()) {
                accepted.add(new Accepted(outcome.id(), in.userId(), vector));
            }
        }
        index.apply(List.copyOf(touched));
        return outcomes;
    }

    private record Accepted(String id, String userId, float[] vector) { }

    /**
     * One memory, under its user's write lock: the instance first applies what other instances
     * committed (the lock's previous holders included), so two near-duplicates sent to two
     * instances at the same moment are linked or merged like two sent to one.
     */
    private WriteOutcome writeOne(String tenantId, MemoryInput in, float[] vector, double importance, Instant createdAt, List<Accepted> accepted) {
        return repository.inUserWriteLock(tenantId, in.userId(), () -> {
            index.catchUp();
            return writeOneLocked(tenantId, in, vector, importance, createdAt, accepted);
        });
    }

    private WriteOutcome writeOneLocked(String tenantId, MemoryInput in, float[] vector, double importance, Instant createdAt,
                                        List<Accepted> accepted) {
        byte[] hash = TextHash.of(in.text());
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<String> exact = repository.findExact(tenantId, in.userId(), hash);
            if (exact.isPresent() && repository.merge(tenantId, exact.get(), in, importance, "merged-exact")) {
                return new WriteOutcome(exact.get(), "merged", null, 1.0);
            }
            Near near = nearest(tenantId, in.userId(), vector, accepted);
            String duplicateOf = null;
            if (near != null && near.similarity() >= properties.nearDuplicateSimilarity()) {
                if (properties.mergesNearDuplicates() && repository.merge(tenantId, near.id(), in, importance, "merged-near")) {
                    return new WriteOutcome(near.id(), "merged", null, round(near.similarity()));
                }
                duplicateOf = near.id();
            }
            String id = UUID.randomUUID().toString();
            Optional<String> inserted = repository.insert(new MemoryRepository.NewMemory(id, tenantId, in, importance, hash,
                    Vectors.toBytes(vector), duplicateOf, createdAt));
            if (inserted.isPresent()) {
                return duplicateOf == null ? new WriteOutcome(id, "created", null, null)
                        : new WriteOutcome(id, "linked", duplicateOf, round(near.similarity()));
            }
            // A concurrent write of the same text won the insert; merge into it on the next round.
        }
        throw new IllegalStateException("memory write kept conflicting with concurrent writes");
    }

    private record Near(String id, double similarity) { }

    private Near nearest(String tenantId, String userId, float[] vector, List<Accepted> accepted) {
        Near best = null;
        for (IndexHit hit : index.index().nearest(vector, IndexFilter.owner(tenantId, userId), 1)) {
            best = new Near(hit.id(), hit.similarity());
        }
        for (Accepted earlier : accepted) {
            double similarity = Vectors.dot(vector, earlier.vector());
            if (earlier.userId().equals(userId) && (best == null || similarity > best.similarity())) {
                best = new Near(earlier.id(), similarity);
            }
        }
        return best;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    public Memory get(String tenantId, String id) {
        return repository.find(tenantId, id).orElseThrow(() -> ApiException.notFound("No memory " + id + "."));
    }

    public List<MemoryRepository.HistoryEntry> history(String id) {
        return repository.history(id);
    }

    /** Changes the given fields; a new text is re-embedded. */
    public Memory update(String tenantId, String id, MemoryPatch patch) {
        Memory current = get(tenantId, id);
        String text = patch.text() == null ? null : MemoryRules.text("text", patch.text(), properties.maxTextChars()).strip();
        List<String> topics = patch.topics() == null ? null : MemoryRules.labels("topics", patch.topics());
        List<String> entities = patch.entities() == null ? null : MemoryRules.labels("entities", patch.entities());
        Double importance = patch.importance() == null ? null : MemoryRules.importance(patch.importance());
        byte[] hash = null;
        byte[] embedding = null;
        if (text != null && !text.equals(current.text())) {
            hash = TextHash.of(text);
            Optional<String> clash = repository.findExact(tenantId, current.userId(), hash);
            if (clash.isPresent() && !clash.get().equals(id)) {
                throw new ApiException(HttpStatus.CONFLICT, "duplicate-memory", "Duplicate memory",
                        "Memory " + clash.get() + " of this user already has this text.");
            }
            embedding = Vectors.toBytes(embeddings.embedOne(text));
        }
        Memory updated = repository.update(tenantId, id, hash == null ? null : text, hash, embedding, topics, entities, importance,
                patch.metadata()).orElseThrow(() -> ApiException.notFound("No memory " + id + "."));
        index.apply(List.of(id));
        return updated;
    }

    public void delete(String tenantId, String id) {
        if (!repository.delete(tenantId, id)) {
            throw ApiException.notFound("No memory " + id + ".");
        }
        index.apply(List.of(id));
    }

    /** Patch body of {@code PATCH /v1/memories/{id}}: absent fields are kept. */
    public record MemoryPatch(String text, List<String> topics, List<String> entities, Double importance, Map<String, Object> metadata) { }
}
