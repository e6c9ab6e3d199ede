package dev.strata.service.memory.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.service.api.ApiException;
import dev.strata.service.memory.MemoryProperties;
import dev.strata.service.memory.MemoryRules;
import dev.strata.service.memory.embedding.EmbeddingProvider;
import dev.strata.service.memory.embedding.TokenCounter;
import dev.strata.service.memory.graph.Entity;
import dev.strata.service.memory.graph.GraphRepository;
import dev.strata.service.memory.graph.GraphService;
import dev.strata.service.memory.graph.Relation;
import dev.strata.service.memory.longterm.Memory;
import dev.strata.service.memory.longterm.MemoryInput;
import dev.strata.service.memory.longterm.MemoryRepository;
import dev.strata.service.memory.longterm.MemoryService;
import dev.strata.service.memory.longterm.WriteOutcome;
import dev.strata.service.memory.session.Role;
import dev.strata.service.memory.session.Session;
import dev.strata.service.memory.session.SessionMessage;
import dev.strata.service.memory.session.SessionRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's data as JSON Lines, for backups, moves between deployments and data-portability
 * requests. The first line names the format; then one line per memory (with its history),
 * session, message, entity and relation. Embeddings are not exported: the importing server
 * computes its own, so an export survives a change of model.
 */
@Service
public class UserPortability {

    public static final String FORMAT = "strata-user-export/1";
    private static final int IMPORT_BATCH = 100;

    private final MemoryRepository memories;
    private final MemoryService memoryService;
    private final SessionRepository sessions;
    private final GraphRepository graph;
    private final GraphService graphService;
    private final TokenCounter tokens;
    private final EmbeddingProvider embeddings;
    private final MemoryProperties properties;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    public UserPortability(MemoryRepository memories, MemoryService memoryService, SessionRepository sessions, GraphRepository graph,
                           GraphService graphService, TokenCounter tokens, EmbeddingProvider embeddings, MemoryProperties properties,
                           TransactionTemplate transactions, ObjectMapper json) {
        this.memories = memories;
        this.memoryService = memoryService;
        this.sessions = sessions;
        this.graph = graph;
        this.graphService = graphService;
        this.tokens = tokens;
        this.embeddings = embeddings;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
    }

    public void export(String tenantId, String userId, Writer out) {
        MemoryRules.id("userId", userId);
        line(out, Map.of("type", "export", "format", FORMAT, "userId", userId, "exportedAt", Instant.now().toString(),
                "embeddingModel", embeddings.modelId()));
        for (Memory memory : memories.ofUser(tenantId, userId)) {
            ObjectNode node = json.valueToTree(memory);
            node.put("type", "memory");
            node.set("history", json.valueToTree(memories.history(memory.id())));
            line(out, node);
        }
        for (Session session : sessions.ofUser(tenantId, userId)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", "session");
            row.put("sessionId", session.sessionId());
            row.put("summary", session.summary());
            row.put("createdAt", session.createdAt().toString());
            row.put("lastActiveAt", session.lastActiveAt().toString());
            line(out, row);
            for (SessionMessage message : sessions.messages(tenantId, session.sessionId(), true)) {
                ObjectNode node = json.valueToTree(message);
                node.put("type", "message");
                node.put("sessionId", session.sessionId());
                line(out, node);
            }
        }
        for (Entity entity : graph.ofUser(tenantId, userId)) {
            ObjectNode node = json.valueToTree(entity);
            // "type" names the kind of line; the entity's own type (e.g. "product") moves to "entityType".
            node.remove("type");
            if (entity.type() != null) {
                node.put("entityType", entity.type());
            }
            node.put("type", "entity");
            line(out, node);
        }
        for (Relation relation : graph.relations(tenantId, userId, null)) {
            ObjectNode node = json.valueToTree(relation);
            node.put("type", "relation");
            line(out, node);
        }
    }

    private void line(Writer out, Object value) {
        try {
            out.write(json.writeValueAsString(value));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an import did, per kind of line. */
    public record ImportReport(Map<String, Integer> memories, int sessions, int messages, int entities, int relations, int skippedSessions) { }

    /**
     * Imports an export into {@code userId} (the user named in the file is ignored, so data can
     * move between user ids). Every line is parsed and checked before anything is written (a
     * relation name that the graph refuses is found only while writing the graph, after the
     * memories and sessions).
     */
    public ImportReport importLines(String tenantId, String userId, byte[] body) {
        MemoryRules.id("userId", userId);
        List<JsonNode> lines = parse(body);
        List<MemoryInput> memoryInputs = new ArrayList<>();
        List<Instant> memoryTimes = new ArrayList<>();
        for (JsonNode line : lines) {
            if (line.path("type").asText().equals("memory")) {
                memoryInputs.add(new MemoryInput(userId, text(line, "sessionId", false), text(line, "text", true), strings(line.get("topics")),
                        strings(line.get("entities")), line.hasNonNull("importance") ? line.get("importance").asDouble() : null, object(line.get("metadata"))));
                memoryTimes.add(instant(line, "createdAt"));
            }
        }
        memoryService.validate(memoryInputs);
        checkReferences(lines);

        Map<String, Integer> memoryCounts = new LinkedHashMap<>(Map.of("created", 0, "merged", 0, "linked", 0));
        for (int from = 0; from < memoryInputs.size(); from += IMPORT_BATCH) {
            int to = Math.min(memoryInputs.size(), from + IMPORT_BATCH);
            for (WriteOutcome outcome : memoryService.write(tenantId, memoryInputs.subList(from, to), memoryTimes.subList(from, to))) {
                memoryCounts.merge(outcome.status(), 1, Integer::sum);
            }
        }
        int[] counts = new int[5];
        transactions.executeWithoutResult(status -> {
            Map<String, Boolean> restored = new HashMap<>();
            for (JsonNode line : lines) {
                switch (line.path("type").asText()) {
                    case "session" -> {
                        String sessionId = MemoryRules.id("sessionId", text(line, "sessionId", true));
                        String summary = line.path("summary").asText("");
                        boolean fresh = sessions.restore(tenantId, sessionId, userId, summary, tokens.count(summary), instant(line, "createdAt"),
                                instant(line, "lastActiveAt"), properties.sessionTtlSeconds());
                        restored.put(sessionId, fresh);
                        counts[fresh ? 0 : 4]++;
                    }
                    case "message" -> {
                        String sessionId = text(line, "sessionId", true);
                        if (Boolean.TRUE.equals(restored.get(sessionId))) {
                            Role role = Role.parse(text(line, "role", true));
                            String content = MemoryRules.text("content", text(line, "content", true), properties.maxTextChars());
                            sessions.restoreMessage(tenantId, sessionId, role, content, object(line.get("metadata")),
                                    tokens.count(role.label() + ": " + content), line.path("folded").asBoolean(false), instant(line, "createdAt"));
                            counts[1]++;
                        }
                    }
                    default -> { }
                }
            }
        });
        Map<String, String> entityIds = new HashMap<>();
        for (JsonNode line : lines) {
            if (line.path("type").asText().equals("entity")) {
                GraphRepository.Upserted upserted = graphService.upsert(tenantId, new GraphService.EntityInput(userId, text(line, "name", true),
                        text(line, "entityType", false), text(line, "description", false), object(line.get("attributes"))));
                entityIds.put(text(line, "id", true), upserted.entity().id());
                counts[2]++;
            }
        }
        for (JsonNode line : lines) {
            if (line.path("type").asText().equals("relation")) {
                String source = entityIds.get(text(line, "sourceId", true));
                String target = entityIds.get(text(line, "targetId", true));
                if (source == null || target == null) {
                    throw ApiException.badRequest("invalid-import", "A relation refers to an entity that is not in the file.");
                }
                graphService.relate(tenantId, new GraphService.RelationInput(userId, source, text(line, "relation", true), target,
                        object(line.get("attributes"))));
                counts[3]++;
            }
        }
        return new ImportReport(memoryCounts, counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** Sessions, messages, entities and relations checked up front, so a bad file writes nothing. */
    private void checkReferences(List<JsonNode> lines) {
        java.util.Set<String> sessionIds = new java.util.HashSet<>();
        java.util.Set<String> entityIds = new java.util.HashSet<>();
        for (JsonNode line : lines) {
            switch (line.path("type").asText()) {
                case "session" -> {
                    sessionIds.add(MemoryRules.id("sessionId", text(line, "sessionId", true)));
                    instant(line, "createdAt");
                    instant(line, "lastActiveAt");
                }
                case "entity" -> {
                    entityIds.add(text(line, "id", true));
                    MemoryRules.text("name", text(line, "name", true), 200);
                }
                default -> { }
            }
        }
        for (JsonNode line : lines) {
            switch (line.path("type").asText()) {
                case "message" -> {
                    if (!sessionIds.contains(text(line, "sessionId", true))) {
                        throw ApiException.badRequest("invalid-import", "A message refers to a session that is not in the file.");
                    }
                    Role.parse(text(line, "role", true));
                    MemoryRules.text("content", text(line, "content", true), properties.maxTextChars());
                    instant(line, "createdAt");
                }
                case "relation" -> {
                    if (!entityIds.contains(text(line, "sourceId", true)) || !entityIds.contains(text(line, "targetId", true))) {
                        throw ApiException.badRequest("invalid-import", "A relation refers to an entity that is not in the file.");
                    }
                    text(line, "relation", true);
                }
                default -> { }
            }
        }
    }

    private List<JsonNode> parse(byte[] body) {
        List<JsonNode> lines = new ArrayList<>();
        int number = 0;
        for (String text : new String(body, StandardCharsets.UTF_8).split("\n")) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(text);
                if (!node.isObject() || !node.path("type").isTextual()) {
                    throw ApiException.badRequest("invalid-import", "Line " + number + " is not an object with a 'type'.");
                }
                String type = node.get("type").asText();
                if (type.equals("export")) {
                    if (!FORMAT.equals(node.path("format").asText())) {
                        throw ApiException.badRequest("invalid-import", "Unknown export format '" + node.path("format").asText() + "'; expected " + FORMAT + ".");
                    }
                    continue;
                }
                if (!List.of("memory", "session", "message", "entity", "relation").contains(type)) {
                    throw ApiException.badRequest("invalid-import", "Line " + number + " has an unknown type.");
                }
                lines.add(node);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("invalid-import", "Line " + number + " is not valid JSON.");
            }
        }
        return lines;
    }

    private static String text(JsonNode line, String field, boolean required) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest("invalid-import", "A '" + line.path("type").asText() + "' line lacks '" + field + "'.");
            }
            return null;
        }
        return value.asText();
    }

    private static Instant instant(JsonNode line, String field) {
        String value = text(line, field, false);
        if (value == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid-import", "'" + field + "' is not an ISO-8601 instant: " + value.substring(0, Math.min(40, value.length())));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(JsonNode node) {
        return node == null || !node.isObject() ? Map.of() : json.convertValue(node, Map.class);
    }
}
