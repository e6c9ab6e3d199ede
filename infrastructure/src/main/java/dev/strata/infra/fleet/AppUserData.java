package dev.strata.infra.fleet;

import com.pulumi.core.Output;
import dev.strata.infra.database.Database;
import dev.strata.infra.host.BootScript;
import dev.strata.infra.cache.Cache;

import java.util.Map;

/**
 * The app host's user data, following docs/HOST_LAYOUT.md. It carries locations and secret ARNs only;
 * the secrets themselves are fetched on the host by {@code strata-write-env}.
 */
final class AppUserData {
    static final BootScript SCRIPT = BootScript.forHost("app")
            .file("boot.conf", "/etc/strata/boot.conf", "0644")
            .file("strata-write-env", "/usr/local/sbin/strata-write-env", "0750")
            .file("strata.service", "/etc/systemd/system/strata.service", "0644")
            .file("strata-env.service", "/etc/systemd/system/strata-env.service", "0644")
            .file("strata-env-refresh.service", "/etc/systemd/system/strata-env-refresh.service", "0644")
            .file("strata-env-refresh.timer", "/etc/systemd/system/strata-env-refresh.timer", "0644")
            .file("strata.conf", "/etc/nginx/conf.d/strata.conf", "0644")
            .file("deployment-fixes.properties", "/etc/strata/deployment-fixes.properties", "0644")
            .file("strata-fix", "/usr/local/bin/strata-fix", "0755");

    private AppUserData() {
    }

    /** @return the plain-text script (not base64) */
    static Output<String> render(AppFleetArgs args, Output<String> adminSecretArn) {
        var data = args.data();
        var keys = args.artifacts().keys();
        return Output.tuple(args.artifacts().bucketName(), data.databaseHost(), data.databasePort(),
                        data.databaseSecretArn(), data.redisHost(), data.redisSecretArn(), adminSecretArn)
                .applyValue(t -> SCRIPT.render(Map.ofEntries(
                        Map.entry("REGION", args.region()),
                        Map.entry("BUCKET", t.t1),
                        Map.entry("RELEASE", args.settings().releaseVersion()),
                        Map.entry("SERVICE_JAR_KEY", keys.serviceJar()),
                        Map.entry("FIXES_JAR_KEY", keys.fixesJar()),
                        Map.entry("CONSOLE_PREFIX", keys.consolePrefix()),
                        Map.entry("DB_HOST", t.t2),
                        Map.entry("DB_PORT", String.valueOf(t.t3)),
                        Map.entry("DB_NAME", Database.DATABASE_NAME),
                        Map.entry("DB_SECRET_ARN", t.t4),
                        Map.entry("REDIS_HOST", t.t5),
                        Map.entry("REDIS_PORT", String.valueOf(Cache.PORT)),
                        Map.entry("REDIS_SECRET_ARN", t.t6),
                        Map.entry("ADMIN_SECRET_ARN", t.t7))));
    }
}
