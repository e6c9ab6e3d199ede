package dev.strata.fixes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixConfigTest {

    @Test
    void defaultsAreTheHostLayoutContract() {
        FixConfig config = FixConfig.defaults();
        assertThat(config.get("backend.unit-file")).isEqualTo("/etc/systemd/system/strata.service");
        assertThat(config.get("backend.jar")).isEqualTo("/opt/strata/service/strata-service.jar");
        assertThat(config.get("env.file")).isEqualTo("/etc/strata/strata.env");
        assertThat(config.integer("backend.port")).isEqualTo(8080);
        assertThat(config.get("nginx.site")).isEqualTo("/etc/nginx/conf.d/strata.conf");
        assertThat(config.get("nginx.listen")).isEqualTo("80");
        assertThat(config.integer("nginx.status-port")).isEqualTo(8081);
        assertThat(config.get("console.current")).isEqualTo("/opt/strata/console/current");
        assertThat(config.list("protected.paths")).containsExactly("/var/lib/strata", "/opt/strata/console/releases");
        assertThat(config.list("env.required")).containsExactly("STRATA_DURABLE_URL", "STRATA_DURABLE_USERNAME",
                "STRATA_DURABLE_PASSWORD", "STRATA_ADMIN_TOKEN");
    }

    @Test
    void invalidValueNamesTheSettingAndTheValue() {
        Properties p = new Properties();
        p.setProperty("backend.port", "80800");
        assertThatThrownBy(() -> FixConfig.of(p)).isInstanceOf(ConfigException.class)
                .hasMessage("configuration: backend.port=80800 is invalid, expected a TCP port between 1 and 65535");
        p.setProperty("backend.port", "8080");
        p.setProperty("service.manager", "upstart");
        assertThatThrownBy(() -> FixConfig.of(p)).hasMessageContaining("service.manager=upstart");
    }

    @Test
    void explicitConfigFileMustExistButTheDefaultMayBeAbsent(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.properties"))).hasMessageContaining("does not exist");
        Path file = dir.resolve("fixes.properties");
        Files.writeString(file, "backend.port=9090\nnginx.url=http://127.0.0.1:8888\n");
        FixConfig config = ConfigLoader.load(file);
        assertThat(config.integer("backend.port")).isEqualTo(9090);
        assertThat(config.get("env.file")).as("unset keys keep their defaults").isEqualTo("/etc/strata/strata.env");
    }
}
