package dev.strata.service.memory.longterm;

/**
 * A search result with its scores.
 *
 * @param score the fused ranking score
 * @param similarity cosine similarity of the memory to the query
 * @param keyword keyword relevance, normalised to the best keyword match among the candidates (0–1)
 * @param recency recency bonus before weighting (1 = now, 0.5 = one half-life ago)
 */
public record ScoredMemory(Memory memory, double score, double similarity, double keyword, double recency) { }
