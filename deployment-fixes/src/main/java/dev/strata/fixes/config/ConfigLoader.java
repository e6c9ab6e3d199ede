package dev.strata.fixes.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Reads the properties file; a missing default file means "use the host layout defaults". */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static FixConfig load(Path explicit) {
        Path file = explicit != null ? explicit : FixConfig.DEFAULT_FILE;
        if (!Files.exists(file)) {
            if (explicit != null) {
                throw new ConfigException("--config " + explicit + ": file does not exist");
            }
            return FixConfig.defaults();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config " + file + ": cannot read (" + e.getMessage() + ")");
        }
        return FixConfig.of(properties);
    }
}
