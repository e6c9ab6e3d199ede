package dev.strata.service.memory.longterm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrieval quality on a small labelled set (src/test/resources/memory/paraphrase-set.json):
 * 30 personal facts; 30 paraphrased questions, each with the one fact that answers it and few
 * shared words; 10 non-paraphrases that share words with a fact but do not ask about it. Reports
 * recall@k and MRR for hybrid and vector-only ranking, and how well similarity separates
 * paraphrases from the lexical decoys (AUC), into target/retrieval-quality.md. The assertions are
 * regression guards a little below the measured values (docs/benchmarks/semantic.md).
 */
class RetrievalQualityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] KS = {1, 3, 5, 10};

    @Test
    void paraphrasesAreFoundAndDecoysScoreLower() throws IOException {
        ApiClient api = SharedServer.get().client();
        Tenant tenant = api.newTenant();
        JsonNode set;
        try (InputStream in = getClass().getResourceAsStream("/memory/paraphrase-set.json")) {
            set = JSON.readTree(in);
        }
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode memories = batch.putArray("memories");
        List<String> labels = new ArrayList<>();
        for (JsonNode memory : set.get("memories")) {
            memories.addObject().put("userId", "rq").put("text", memory.get("text").asText());
            labels.add(memory.get("id").asText());
        }
        JsonNode results = api.as(tenant, "POST", "/v1/memories", batch.toString()).json().get("results");
        Map<String, String> labelOfId = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            assertThat(results.get(i).get("status").asText()).isEqualTo("created");
            labelOfId.put(results.get(i).get("id").asText(), labels.get(i));
        }

        StringBuilder report = new StringBuilder("| ranking | recall@1 | recall@3 | recall@5 | recall@10 | MRR |\n|---|---|---|---|---|---|\n");
        double[] hybrid = null;
        for (double keywordWeight : new double[] {MemorySearch.DEFAULT_KEYWORD_WEIGHT, 0.3, 0.0}) {
            double[] hits = new double[KS.length];
            double reciprocal = 0;
            for (JsonNode paraphrase : set.get("paraphrases")) {
                List<String> ranked = search(api, tenant, paraphrase.get("query").asText(), keywordWeight, labelOfId, null);
                int rank = ranked.indexOf(paraphrase.get("relevant").asText());
                for (int k = 0; k < KS.length; k++) {
                    hits[k] += rank >= 0 && rank < KS[k] ? 1 : 0;
                }
                reciprocal += rank >= 0 ? 1.0 / (rank + 1) : 0;
            }
            int n = set.get("paraphrases").size();
            for (int k = 0; k < KS.length; k++) {
                hits[k] /= n;
            }
            report.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    keywordWeight == MemorySearch.DEFAULT_KEYWORD_WEIGHT ? "hybrid, keywordWeight " + keywordWeight + " (default)"
                            : keywordWeight > 0 ? "hybrid, keywordWeight " + keywordWeight : "vector only", hits[0], hits[1], hits[2], hits[3], reciprocal / n));
            if (hybrid == null) {
                hybrid = hits;
            }
        }

        // Similarity of each paraphrase to its fact against similarity of each non-paraphrase to its decoy.
        List<Double> positive = new ArrayList<>();
        for (JsonNode paraphrase : set.get("paraphrases")) {
            positive.add(similarityTo(api, tenant, paraphrase.get("query").asText(), paraphrase.get("relevant").asText(), labelOfId));
        }
        List<Double> negative = new ArrayList<>();
        for (JsonNode decoy : set.get("nonParaphrases")) {
            negative.add(similarityTo(api, tenant, decoy.get("query").asText(), decoy.get("decoy").asText(), labelOfId));
        }
        double wins = 0;
        for (double p : positive) {
            for (double q : negative) {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        double auc = wins / (positive.size() * negative.size());
        report.append(String.format(Locale.ROOT, "%nParaphrase vs decoy similarity: mean %.3f vs %.3f, AUC %.3f (%d x %d pairs)%n",
                positive.stream().mapToDouble(d -> d).average().orElse(0), negative.stream().mapToDouble(d -> d).average().orElse(0),
                auc, positive.size(), negative.size()));
        System.out.print(report);
        Files.writeString(Path.of("target", "retrieval-quality.md"), report);

        assertThat(hybrid[2]).as("hybrid recall@5").isGreaterThanOrEqualTo(0.85);
        assertThat(hybrid[0]).as("hybrid recall@1").isGreaterThanOrEqualTo(0.8);
        assertThat(auc).as("paraphrase/decoy separation").isGreaterThanOrEqualTo(0.7);
    }

    private static List<String> search(ApiClient api, Tenant tenant, String query, double keywordWeight, Map<String, String> labelOfId,
                                       List<Double> similarities) {
        ObjectNode request = JSON.createObjectNode().put("userId", "rq").put("query", query).put("topK", 10).put("keywordWeight", keywordWeight);
        JsonNode results = api.as(tenant, "POST", "/v1/memories/search", request.toString()).json().get("results");
        List<String> ranked = new ArrayList<>();
        for (JsonNode result : results) {
            ranked.add(labelOfId.get(result.get("memory").get("id").asText()));
            if (similarities != null) {
                similarities.add(result.get("similarity").asDouble());
            }
        }
        return ranked;
    }

    private static double similarityTo(ApiClient api, Tenant tenant, String query, String label, Map<String, String> labelOfId) {
        List<Double> similarities = new ArrayList<>();
        ObjectNode request = JSON.createObjectNode().put("userId", "rq").put("query", query).put("topK", 30).put("keywordWeight", 0.0);
        JsonNode results = api.as(tenant, "POST", "/v1/memories/search", request.toString()).json().get("results");
        for (JsonNode result : results) {
            if (label.equals(labelOfId.get(result.get("memory").get("id").asText()))) {
                return result.get("similarity").asDouble();
            }
        }
        return -1;
    }
}
