package dev.strata.infra.settings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation of the stack config, without Pulumi: every failure names the key. */
class StackSettingsTest {
    @TempDir
    Path root;
    final Map<String, String> strata = new HashMap<>();
    final Map<String, String> aws = new HashMap<>(Map.of("region", "eu-west-1"));

    @BeforeEach
    void validProdConfigWithArtefacts() throws IOException {
        for (String file : new String[] {"service/target/strata-service-exec.jar",
                "deployment-fixes/target/deployment-fixes.jar", "service/src/main/resources/static/index.html",
                "monitoring/prometheus/prometheus.yml", "monitoring/alertmanager/alertmanager.yml",
                "monitoring/grafana/dashboards/strata.json", "monitoring/blackbox/blackbox.yml"}) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), "x");
        }
        strata.putAll(Map.of("environment", "prod", "certificateArn",
                "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123", "redisAuthToken", "a".repeat(40),
                "adminToken", "b".repeat(40), "grafanaAdminPassword", "c".repeat(20)));
    }

    StackSettings read() {
        return StackSettings.read(new ConfigValues("strata", key -> Optional.ofNullable(strata.get(key))),
                new ConfigValues("aws", key -> Optional.ofNullable(aws.get(key))), root);
    }

    @Test
    void productionDefaults() {
        StackSettings settings = read();

        assertThat(settings.network()).isEqualTo(new NetworkSettings(3, "10.40.0.0/16", true));
        assertThat(settings.database().multiAz()).isTrue();
        assertThat(settings.database().instanceClass()).isEqualTo("db.m7g.xlarge");
        assertThat(settings.cache().nodeCount()).isEqualTo(2);
        assertThat(settings.fleet().minSize()).isEqualTo(2);
        assertThat(settings.fleet().maxSize()).isEqualTo(10);
        assertThat(settings.artifacts().serviceJar()).isEqualTo(root.resolve("service/target/strata-service-exec.jar"));
        assertThat(settings.defaultTags()).containsEntry("strata:environment", "prod");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "environment|production|strata:environment",
            "azCount|4|strata:azCount",
            "azCount|two|strata:azCount",
            "vpcCidr|192.168.0.0/16|strata:vpcCidr",
            "appMinSize|1|strata:appMinSize",
            "appMaxSize|21|strata:appMaxSize",
            "appInstanceType|huge|strata:appInstanceType",
            "dbInstanceClass|m7g.large|strata:dbInstanceClass",
            "dbBackupRetentionDays|3|strata:dbBackupRetentionDays",
            "cacheNodeCount|1|strata:cacheNodeCount",
            "cacheMaxmemoryPolicy|lru|strata:cacheMaxmemoryPolicy",
            "certificateArn|arn:aws:iam::1:cert|strata:certificateArn",
            "allowPlainHttp|true|strata:allowPlainHttp",
            "allowPlainHttp|yes|strata:allowPlainHttp",
            "adminCidr|0.0.0.0/0|strata:adminCidr",
            "natPerAz|false|strata:natPerAz",
            "amiId|ubuntu|strata:amiId",
            "releaseVersion|../x|strata:releaseVersion",
            "serviceJarPath|missing.jar|strata:serviceJarPath"})
    void badValueFailsNamingTheKey(String key, String value, String fullKey) {
        strata.put(key, value);

        assertThatThrownBy(this::read).isInstanceOf(InvalidStackConfigException.class)
                .hasMessageContaining("'" + fullKey + "'")
                .satisfies(e -> assertThat(((InvalidStackConfigException) e).key()).isEqualTo(fullKey));
    }

    @Test
    void minAboveMaxIsAContradiction() {
        strata.put("appMinSize", "5");
        strata.put("appMaxSize", "3");

        assertThatThrownBy(this::read).hasMessageContaining("strata:appMinSize").hasMessageContaining("strata:appMaxSize");
    }

    @Test
    void devMayRunSmallAndPlainHttpButNeedsOneOrTheOther() {
        strata.put("environment", "dev");
        strata.remove("certificateArn");
        assertThatThrownBy(this::read).hasMessageContaining("strata:certificateArn");

        strata.put("allowPlainHttp", "true");
        strata.put("appMinSize", "1");
        StackSettings settings = read();
        assertThat(settings.network().natPerAz()).isFalse();
        assertThat(settings.network().azCount()).isEqualTo(2);
        assertThat(settings.cache().hasReplica()).isFalse();
    }

    @Test
    void missingOrWeakSecretsFailWithoutEchoingTheValue() {
        strata.remove("adminToken");
        assertThatThrownBy(this::read).hasMessageContaining("strata:adminToken").hasMessageContaining("pulumi config set --secret");

        strata.put("adminToken", "b".repeat(40));
        strata.put("redisAuthToken", "short-but-secret-value");
        assertThatThrownBy(this::read).hasMessageContaining("strata:redisAuthToken")
                .hasMessageNotContaining("short-but-secret-value");
    }

    @Test
    void missingMonitoringPartIsNamed() throws IOException {
        Files.delete(root.resolve("monitoring/grafana/dashboards/strata.json"));
        Files.delete(root.resolve("monitoring/grafana/dashboards"));
        Files.delete(root.resolve("monitoring/grafana"));

        assertThatThrownBy(this::read).hasMessageContaining("strata:monitoringDir").hasMessageContaining("grafana/");
    }

    @Test
    void regionIsRequired() {
        aws.remove("region");

        assertThatThrownBy(this::read).hasMessageContaining("aws:region");
    }
}
