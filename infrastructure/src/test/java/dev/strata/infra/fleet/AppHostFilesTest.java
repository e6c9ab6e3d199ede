package dev.strata.infra.fleet;

import dev.strata.infra.host.BootScript;
import dev.strata.infra.host.HostTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The app host's files checked by the tools that will read them on the host. */
class AppHostFilesTest {
    static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("REGION", "eu-west-1"), Map.entry("BUCKET", "strata-prod-artifacts-x"),
            Map.entry("RELEASE", "0.1.0"), Map.entry("SERVICE_JAR_KEY", "releases/0.1.0/strata-service.jar"),
            Map.entry("FIXES_JAR_KEY", "releases/0.1.0/deployment-fixes.jar"),
            Map.entry("CONSOLE_PREFIX", "releases/0.1.0/console/"), Map.entry("DB_HOST", "db.example"),
            Map.entry("DB_PORT", "5432"), Map.entry("DB_NAME", "strata"),
            Map.entry("DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:rds"),
            Map.entry("REDIS_HOST", "redis.example"), Map.entry("REDIS_PORT", "6379"),
            Map.entry("REDIS_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:redis"),
            Map.entry("ADMIN_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:admin"));

    @TempDir
    Path dir;

    @Test
    void userDataIsValidBashAndFitsTheEc2Limit() throws Exception {
        HostTools.require("bash", Path.of("/bin/bash"), Path.of("/usr/bin/bash"));
        String script = AppUserData.SCRIPT.render(VALUES);
        Files.writeString(dir.resolve("user-data.sh"), script);

        var syntax = HostTools.run(dir, "bash", "-n", "user-data.sh");

        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        assertThat(script.getBytes().length).isLessThan(BootScript.USER_DATA_LIMIT_BYTES);
        assertThat(script).startsWith("#!/bin/bash").doesNotContain("{{");
    }

    @Test
    void systemdAcceptsTheUnits() throws Exception {
        Map<String, String> units = new LinkedHashMap<>();
        for (String unit : List.of("strata.service", "strata-env.service", "strata-env-refresh.service",
                "strata-env-refresh.timer")) {
            units.put(unit, AppUserData.SCRIPT.renderFile(unit, VALUES));
        }

        var result = HostTools.verifyUnits(dir, units, List.of("/usr/bin/java", "/usr/local/sbin/strata-write-env"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(units.get("strata.service")).contains("User=strata").contains("EnvironmentFile=/etc/strata/strata.env")
                .contains("-jar /opt/strata/service/strata-service.jar");
    }

    @Test
    void nginxAcceptsTheSite() throws Exception {
        HostTools.require("nginx", Path.of("/usr/sbin/nginx"));
        Files.writeString(dir.resolve("strata.conf"), AppUserData.SCRIPT.renderFile("strata.conf", VALUES));
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("nginx.conf"), """
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                    include %1$s/strata.conf;
                }
                """.formatted(dir));

        var result = HostTools.run(dir, "/usr/sbin/nginx", "-t", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());

        assertThat(result.output()).contains("syntax is ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void scriptsAreValidBashAndWriteTheEnvironmentFileOfTheHostLayout() throws Exception {
        HostTools.require("bash", Path.of("/bin/bash"), Path.of("/usr/bin/bash"));
        for (String script : List.of("strata-write-env", "strata-fix", "install.sh")) {
            Files.writeString(dir.resolve(script), AppUserData.SCRIPT.renderFile(script, VALUES));
            var syntax = HostTools.run(dir, "bash", "-n", script);
            assertThat(syntax.exitCode()).as(script + ": " + syntax.output()).isZero();
        }
        String writer = AppUserData.SCRIPT.renderFile("strata-write-env", VALUES);
        assertThat(writer).contains("STRATA_DURABLE_URL=jdbc:postgresql://", "STRATA_DURABLE_USERNAME=",
                "STRATA_DURABLE_PASSWORD=", "STRATA_WARM_URL=rediss://", "STRATA_ADMIN_TOKEN=",
                "chown root:strata", "chmod 0640", "/etc/strata/strata.env", "sslmode=require");
        assertThat(AppUserData.SCRIPT.renderFile("deployment-fixes.properties", VALUES))
                .contains("deps.postgres.endpoint=db.example:5432", "deps.redis.endpoint=redis.example:6379");
    }
}
