package dev.strata.service.memory.index;

/**
 * A candidate from the index.
 *
 * @param similarity cosine similarity of the memory to the query, in [-1, 1]
 * @param keywordScore BM25 score of the query's words in the memory's text (0 when none match)
 */
public record IndexHit(String id, float similarity, float keywordScore, long createdAtMs) { }
