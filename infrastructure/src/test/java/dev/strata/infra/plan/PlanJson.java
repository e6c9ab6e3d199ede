package dev.strata.infra.plan;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON: an array of {@code {urn, type, name, parent, inputs}} sorted by URN, with
 * stand-in artefact paths written as {@code ${standIns}/...} so the output is the same on any machine.
 */
public final class PlanJson {
    static final String STAND_INS = "${standIns}";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

    private PlanJson() {
    }

    public static String render(RecordedStack stack, Path standInRoot) {
        List<Map<String, Object>> entries = stack.resources().stream().map(resource -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("urn", resource.urn());
            entry.put("type", resource.type());
            entry.put("name", resource.name());
            entry.put("parent", resource.parent().isEmpty() ? null : resource.parent());
            entry.put("inputs", resource.inputs());
            return entry;
        }).toList();
        return GSON.toJson(entries).replace(standInRoot.toAbsolutePath().toString(), STAND_INS) + "\n";
    }
}
