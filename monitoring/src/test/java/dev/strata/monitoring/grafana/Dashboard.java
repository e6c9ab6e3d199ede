package dev.strata.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Grafana dashboard JSON file and the PromQL queries in it. */
public record Dashboard(Path file, JsonNode json) {

    /** One PromQL query with where it sits, for messages that point at the panel. */
    public record Query(String where, String expr) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // label_values(<selector>, <label>): the selector is PromQL, the function is Grafana's.
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");

    public static Dashboard read(Path file) {
        try {
            return new Dashboard(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("not valid JSON: " + file, e);
        }
    }

    public String name() {
        return file.getFileName().toString();
    }

    /** Panels including those nested in collapsed rows. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    public List<JsonNode> variables() {
        List<JsonNode> variables = new ArrayList<>();
        json.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    /** Every panel target's expression and every query variable's selector. */
    public List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(name() + " / \"" + panel.path("title").asText() + "\" / "
                        + target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        for (JsonNode variable : variables()) {
            if ("query".equals(variable.path("type").asText())) {
                String definition = variable.path("definition").asText();
                Matcher labelValues = LABEL_VALUES.matcher(definition);
                String expr = labelValues.matches() ? labelValues.group(1) : definition;
                queries.add(new Query(name() + " / variable $" + variable.path("name").asText(), expr));
            }
        }
        return queries;
    }
}
