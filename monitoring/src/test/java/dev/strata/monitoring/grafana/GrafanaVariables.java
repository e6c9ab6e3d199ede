package dev.strata.monitoring.grafana;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's template variables in a query. Before promtool can parse a dashboard query, interval
 * variables become a duration and the dashboard's own variables a regex that matches anything;
 * both stand where Grafana puts their values (inside ranges and label matchers).
 */
public final class GrafanaVariables {

    /** Variables Grafana defines itself and that expand to a duration. */
    public static final Set<String> BUILT_IN_DURATIONS = Set.of("__rate_interval", "__interval", "__range");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)(?::\\w+)?}?");

    private GrafanaVariables() {
    }

    public static Set<String> referencedIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(expr);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    public static String substitute(String expr) {
        return VARIABLE.matcher(expr).replaceAll(variable ->
                BUILT_IN_DURATIONS.contains(variable.group(1)) ? "5m" : ".*");
    }
}
