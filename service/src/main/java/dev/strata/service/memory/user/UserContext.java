package dev.strata.service.memory.user;

import dev.strata.service.memory.MemoryRules;
import dev.strata.service.memory.embedding.TokenCounter;
import dev.strata.service.memory.graph.GraphService;
import dev.strata.service.memory.graph.Relation;
import dev.strata.service.memory.longterm.Memory;
import dev.strata.service.memory.longterm.MemoryRepository;
import dev.strata.service.memory.longterm.MemorySearch;
import dev.strata.service.memory.longterm.SearchRequest;
import dev.strata.service.memory.session.Session;
import dev.strata.service.memory.session.SessionMessage;
import dev.strata.service.memory.session.SessionRepository;
import dev.strata.service.memory.session.SessionService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Assembles what an AI application puts into its prompt, within a token budget: the session
 * window (up to 40 % of the budget), the most relevant long-term memories (what the session left,
 * up to 80 % in all), then related entities and their relations. Every part is counted with the
 * model's tokenizer; the rendered {@code prompt} text fits the budget.
 */
@Service
public class UserContext {

    static final double MIN_SIMILARITY = 0.2;

    private final SessionRepository sessions;
    private final SessionService sessionService;
    private final MemorySearch search;
    private final MemoryRepository memories;
    private final GraphService graph;
    private final TokenCounter tokens;

    public UserContext(SessionRepository sessions, SessionService sessionService, MemorySearch search, MemoryRepository memories,
                       GraphService graph, TokenCounter tokens) {
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.search = search;
        this.memories = memories;
        this.graph = graph;
        this.tokens = tokens;
    }

    public record Context(String userId, int budgetTokens, int usedTokens, String sessionId, String summary, List<SessionMessage> messages,
                          List<Map<String, Object>> memories, List<Map<String, Object>> entities, List<String> relations, String prompt) { }

    /** The user's newest memories, shortened for an overview. */
    public List<Map<String, Object>> recent(String tenantId, String userId, int limit) {
        return memories.recent(tenantId, userId, limit).stream()
                .map(m -> Map.<String, Object>of("id", m.id(), "text", m.text().length() > 200 ? m.text().substring(0, 200) + "…" : m.text(),
                        "createdAt", m.createdAt().toString()))
                .toList();
    }

    public Context assemble(String tenantId, String userId, String query, String sessionId, int budget) {
        MemoryRules.id("userId", userId);
        StringBuilder prompt = new StringBuilder();
        int used = 0;

        String chosenSession = sessionId != null ? sessionId
                : sessions.ofUser(tenantId, userId).stream().findFirst().map(Session::sessionId).orElse(null);
        String summary = "";
        List<SessionMessage> messages = List.of();
        if (chosenSession != null) {
            SessionService.Window window = sessionService.window(tenantId, chosenSession, userId, Math.max(1, budget * 2 / 5));
            summary = window.summary();
            messages = window.messages();
            if (!summary.isEmpty()) {
                prompt.append("Conversation so far (summary):\n").append(summary).append('\n');
            }
            if (!messages.isEmpty()) {
                prompt.append("Recent messages:\n");
                messages.forEach(m -> prompt.append(m.role()).append(": ").append(m.content()).append('\n'));
            }
            used = tokens.count(prompt.toString());
        }

        List<Memory> candidates = new ArrayList<>();
        List<Map<String, Object>> memoryParts = new ArrayList<>();
        if (query != null) {
            search.search(tenantId, new SearchRequest(query, userId, 20, MIN_SIMILARITY, null, null, null, null, null, null, null, null, null, null))
                    .results().forEach(r -> candidates.add(r.memory()));
        } else {
            candidates.addAll(memories.recent(tenantId, userId, 20));
        }
        Set<String> shownMessages = new HashSet<>();
        messages.forEach(m -> shownMessages.add(m.content()));
        int memoryLimit = budget * 4 / 5;
        boolean header = false;
        for (Memory memory : candidates) {
            if (shownMessages.contains(memory.text())) {
                continue;
            }
            String line = "- " + memory.text() + "\n";
            int cost = tokens.count(line) + (header ? 0 : 4);
            if (used + cost > memoryLimit) {
                break;
            }
            if (!header) {
                prompt.append("Relevant memories:\n");
                header = true;
            }
            prompt.append(line);
            used += cost;
            memoryParts.add(Map.of("id", memory.id(), "text", memory.text()));
        }

        List<Map<String, Object>> entityParts = new ArrayList<>();
        List<String> relationLines = new ArrayList<>();
        List<GraphService.Found> entities = query == null ? List.of() : graph.search(tenantId, userId, null, query, null, 5);
        for (GraphService.Found found : entities) {
            if (found.similarity() < MIN_SIMILARITY) {
                continue;
            }
            String line = "- " + found.entity().name() + " (" + found.entity().type() + ")"
                    + (found.entity().description().isEmpty() ? "" : ": " + found.entity().description()) + "\n";
            int cost = tokens.count(line) + (entityParts.isEmpty() ? 4 : 0);
            if (used + cost > budget) {
                break;
            }
            if (entityParts.isEmpty()) {
                prompt.append("Known entities:\n");
            }
            prompt.append(line);
            used += cost;
            entityParts.add(Map.of("id", found.entity().id(), "name", found.entity().name(), "type", found.entity().type()));
            for (Relation relation : graph.relations(tenantId, userId, found.entity().id())) {
                String text = relation.sourceName() + " " + relation.relation() + " " + relation.targetName();
                int relationCost = tokens.count("- " + text + "\n");
                if (!relationLines.contains(text) && used + relationCost <= budget) {
                    relationLines.add(text);
                    prompt.append("- ").append(text).append('\n');
                    used += relationCost;
                }
            }
        }
        return new Context(userId, budget, tokens.count(prompt.toString()), chosenSession, summary, messages, memoryParts, entityParts,
                relationLines, prompt.toString());
    }
}
