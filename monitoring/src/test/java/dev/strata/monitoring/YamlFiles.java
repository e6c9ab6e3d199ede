package dev.strata.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reads and writes the YAML configuration files (rules, promtool tests, provisioning) as trees. */
public final class YamlFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlFiles() {
    }

    /**
     * Reads with SnakeYAML, which expands anchors and aliases the way Prometheus does (prometheus.yml
     * shares its EC2 discovery block by alias); Jackson's YAML parser would leave them unresolved.
     */
    public static JsonNode read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return YAML.valueToTree(new Yaml(new LoaderOptions()).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read YAML " + file, e);
        }
    }

    public static void write(Path file, Object value) {
        try {
            YAML.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write YAML " + file, e);
        }
    }
}
