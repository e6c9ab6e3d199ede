package dev.strata.service.memory.longterm;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/memories/search}. Only {@code query} and {@code userId} are required.
 *
 * @param keywordWeight weight of keyword (BM25) relevance against vector similarity, 0–1 (0.15)
 * @param recencyWeight weight added for recent memories, 0–1 (0 = off)
 * @param recencyHalfLifeHours age at which the recency bonus halves (168 = one week)
 * @param from inclusive ISO-8601 lower bound of creation time; {@code to} exclusive upper bound
 */
public record SearchRequest(String query, String userId, Integer topK, Double minSimilarity, String sessionId, List<String> topics,
                            List<String> entities, Map<String, Object> metadata, String from, String to, Double keywordWeight,
                            Double recencyWeight, Double recencyHalfLifeHours, Integer offset) { }
