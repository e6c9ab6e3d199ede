package dev.strata.monitoring.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every metric name an alert or dashboard may use, by source: the memory server's contract
 * (known-metrics/strata-service.txt, checked against docs/METRICS.md and a real scrape) and what the
 * Debian exporters really export (captured by monitoring/scripts/capture-exporter-metrics.sh).
 * Names recorded by our own recording rules are added by the caller.
 */
public final class KnownMetrics {

    /** Resource file (under known-metrics/) per source. */
    public static final Map<String, String> SOURCES = sources();

    /** Series Prometheus itself creates for every target and alert. */
    public static final Set<String> PROMETHEUS_SYNTHETIC = Set.of(
            "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added",
            "scrape_samples_post_metric_relabeling", "ALERTS", "ALERTS_FOR_STATE");

    private KnownMetrics() {
    }

    private static Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("strata server", "strata-service.txt");
        sources.put("node exporter", "node-exporter.txt");
        sources.put("postgres exporter", "postgres-exporter.txt");
        sources.put("redis exporter", "redis-exporter.txt");
        sources.put("nginx exporter", "nginx-exporter.txt");
        sources.put("blackbox exporter", "blackbox-exporter.txt");
        return Collections.unmodifiableMap(sources);
    }

    /** Union of all sources plus Prometheus' synthetic series. */
    public static Set<String> all() {
        Set<String> all = new TreeSet<>(PROMETHEUS_SYNTHETIC);
        SOURCES.values().forEach(file -> all.addAll(load(file)));
        return all;
    }

    /** The names in one resource file; lines starting with '#' are the note on how it was made. */
    public static Set<String> load(String file) {
        String resource = "/known-metrics/" + file;
        try (InputStream in = KnownMetrics.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Set<String> names = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
