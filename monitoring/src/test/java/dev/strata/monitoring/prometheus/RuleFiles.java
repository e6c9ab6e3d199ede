package dev.strata.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.monitoring.YamlFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules of Prometheus rule files, read as data so that tests can check conventions. */
public final class RuleFiles {

    /** An alerting rule with the file and group it sits in. */
    public record AlertRule(Path file, String group, String name, String expr, Map<String, String> labels,
            Map<String, String> annotations) {
    }

    /** A recording rule with the file it sits in. */
    public record RecordingRule(Path file, String record, String expr) {
    }

    private final List<AlertRule> alerts = new ArrayList<>();
    private final List<RecordingRule> recordings = new ArrayList<>();

    private RuleFiles() {
    }

    public static RuleFiles read(List<Path> files) {
        RuleFiles rules = new RuleFiles();
        files.forEach(rules::add);
        return rules;
    }

    public List<AlertRule> alerts() {
        return List.copyOf(alerts);
    }

    public List<RecordingRule> recordings() {
        return List.copyOf(recordings);
    }

    private void add(Path file) {
        JsonNode root = YamlFiles.read(file);
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(new AlertRule(file, group.path("name").asText(), rule.path("alert").asText(),
                            rule.path("expr").asText(), strings(rule.path("labels")),
                            strings(rule.path("annotations"))));
                } else {
                    recordings.add(new RecordingRule(file, rule.path("record").asText(), rule.path("expr").asText()));
                }
            }
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }
}
