package dev.strata.service.memory;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code strata.memory.*}: sessions, long-term memories and their index.
 *
 * @param indexDir where the Lucene index lives; empty = a temporary directory (the index is
 *     rebuilt from PostgreSQL at every start anyway)
 * @param nearDuplicateSimilarity cosine similarity at or above which a new memory of the same user
 *     counts as a near-duplicate of an existing one
 * @param nearDuplicatePolicy {@code link} (store it, pointing at the original) or {@code merge}
 *     (fold it into the original; its text is kept in the original's history)
 * @param feedPollMs how often the index polls the change feed for other instances' writes
 * @param searchBeam the fewest nearest neighbours a search asks of the HNSW graph (its "ef"): wider
 *     finds more of the true nearest neighbours at a cost about linear in it (docs/benchmarks/semantic.md)
 * @param compactAfterRebuild merge the index into one segment in the background after the start-up
 *     rebuild: a search walks one HNSW graph per segment, so one graph is several times faster
 * @param embeddingBatch most texts embedded in one model call
 * @param maxTextChars longest memory text or message accepted
 * @param sessionWindowTokens tokens of unfolded messages a session keeps before older ones are
 *     folded into its summary
 * @param sessionTtlSeconds how long a session lives after its last activity
 * @param sessionSweepMs how often expired sessions are consolidated
 * @param roleWindowTokens token budget of a session window per caller role (role of the API key,
 *     set with {@code PUT /v1/admin/tenants/{id}/keys/{keyId}/memory-role}; keys without one are
 *     {@code client}); a role not listed gets {@code sessionWindowTokens}
 * @param summarizer {@code extractive} (default) or {@code llm}
 * @param llmUrl base URL of an OpenAI-compatible API (e.g. {@code http://localhost:11434/v1}) for {@code summarizer=llm}
 * @param llmModel model name sent to it
 * @param llmApiKey bearer token for it; may be empty; never logged
 */
@Validated
@ConfigurationProperties("strata.memory")
public record MemoryProperties(
        String indexDir,
        @DecimalMin(value = "0.5", message = "strata.memory.near-duplicate-similarity must be in [0.5, 1]")
        @DecimalMax(value = "1.0", message = "strata.memory.near-duplicate-similarity must be in [0.5, 1]")
        Double nearDuplicateSimilarity,
        String nearDuplicatePolicy,
        @Min(value = 5, message = "strata.memory.feed-poll-ms must be at least 5") Long feedPollMs,
        @Min(value = 10, message = "strata.memory.search-beam must be at least 10")
        @Max(value = 5000, message = "strata.memory.search-beam must be at most 5000") Integer searchBeam,
        Boolean compactAfterRebuild,
        @Min(value = 1, message = "strata.memory.embedding-batch must be at least 1")
        @Max(value = 256, message = "strata.memory.embedding-batch must be at most 256") Integer embeddingBatch,
        @Min(value = 16, message = "strata.memory.max-text-chars must be at least 16") Integer maxTextChars,
        @Min(value = 64, message = "strata.memory.session-window-tokens must be at least 64") Integer sessionWindowTokens,
        @Min(value = 1, message = "strata.memory.session-ttl-seconds must be at least 1") Long sessionTtlSeconds,
        @Min(value = 100, message = "strata.memory.session-sweep-ms must be at least 100") Long sessionSweepMs,
        java.util.Map<String, Integer> roleWindowTokens,
        String summarizer, String llmUrl, String llmModel, String llmApiKey) {

    public MemoryProperties {
        indexDir = indexDir == null ? "" : indexDir;
        nearDuplicateSimilarity = nearDuplicateSimilarity == null ? 0.92 : nearDuplicateSimilarity;
        nearDuplicatePolicy = nearDuplicatePolicy == null || nearDuplicatePolicy.isBlank() ? "link" : nearDuplicatePolicy.toLowerCase(Locale.ROOT);
        if (!nearDuplicatePolicy.equals("link") && !nearDuplicatePolicy.equals("merge")) {
            throw new IllegalArgumentException("strata.memory.near-duplicate-policy must be 'link' or 'merge', not '" + nearDuplicatePolicy + "'");
        }
        feedPollMs = feedPollMs == null ? 50L : feedPollMs;
        searchBeam = searchBeam == null ? dev.strata.service.memory.index.MemoryIndex.DEFAULT_SEARCH_BEAM : searchBeam;
        compactAfterRebuild = compactAfterRebuild == null || compactAfterRebuild;
        embeddingBatch = embeddingBatch == null ? 32 : embeddingBatch;
        maxTextChars = maxTextChars == null ? 8000 : maxTextChars;
        sessionWindowTokens = sessionWindowTokens == null ? 2000 : sessionWindowTokens;
        sessionTtlSeconds = sessionTtlSeconds == null ? 86_400L : sessionTtlSeconds;
        sessionSweepMs = sessionSweepMs == null ? 30_000L : sessionSweepMs;
        roleWindowTokens = roleWindowTokens == null ? java.util.Map.of() : java.util.Map.copyOf(roleWindowTokens);
        roleWindowTokens.forEach((role, tokens) -> {
            if (tokens == null || tokens < 16) {
                throw new IllegalArgumentException("strata.memory.role-window-tokens." + role + " must be at least 16, not " + tokens);
            }
        });
        summarizer = summarizer == null || summarizer.isBlank() ? "extractive" : summarizer.toLowerCase(Locale.ROOT);
        if (!summarizer.equals("extractive") && !summarizer.equals("llm")) {
            throw new IllegalArgumentException("strata.memory.summarizer must be 'extractive' or 'llm', not '" + summarizer + "'");
        }
        if (summarizer.equals("llm") && (llmUrl == null || llmUrl.isBlank() || llmModel == null || llmModel.isBlank())) {
            throw new IllegalArgumentException("strata.memory.summarizer=llm needs strata.memory.llm-url and strata.memory.llm-model");
        }
    }

    /** The API key stays out of toString(), so logging the configuration cannot leak it. */
    @Override
    public String toString() {
        return "MemoryProperties[indexDir=" + indexDir + ", nearDuplicateSimilarity=" + nearDuplicateSimilarity + ", nearDuplicatePolicy="
                + nearDuplicatePolicy + ", feedPollMs=" + feedPollMs + ", searchBeam=" + searchBeam + ", compactAfterRebuild=" + compactAfterRebuild + ", sessionWindowTokens=" + sessionWindowTokens + ", sessionTtlSeconds="
                + sessionTtlSeconds + ", roleWindowTokens=" + roleWindowTokens + ", summarizer=" + summarizer + ", llmUrl=" + llmUrl + ", llmModel=" + llmModel
                + ", llmApiKey=" + (llmApiKey == null || llmApiKey.isEmpty() ? "" : "(set)") + "]";
    }

    /** The budget of a caller with this role. */
    public int windowTokensFor(String role) {
        return roleWindowTokens.getOrDefault(role, sessionWindowTokens);
    }

    /** Sessions keep unfolded what the largest budget can see. */
    public int foldWindowTokens() {
        return Math.max(sessionWindowTokens, roleWindowTokens.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    public boolean mergesNearDuplicates() {
        return nearDuplicatePolicy.equals("merge");
    }
}
