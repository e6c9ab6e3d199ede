package dev.strata.infra.monitoring;

import com.pulumi.core.Output;
import dev.strata.infra.cache.Cache;
import dev.strata.infra.database.Database;
import dev.strata.infra.host.BootScript;

import java.util.Map;

/** The monitoring host's user data: locations and secret ARNs only, never secret values. */
final class MonitoringUserData {
    static final BootScript SCRIPT = BootScript.forHost("monitoring")
            .file("boot.conf", "/etc/strata/boot.conf", "0644")
            .file("https-endpoints.yml", "/etc/strata/https-endpoints.yml", "0644")
            .file("strata-monitoring-secrets", "/usr/local/sbin/strata-monitoring-secrets", "0750")
            .file("strata-monitoring-secrets.service", "/etc/systemd/system/strata-monitoring-secrets.service", "0644")
            .file("strata-monitoring-secrets.timer", "/etc/systemd/system/strata-monitoring-secrets.timer", "0644")
            .file("dropin-prometheus-postgres-exporter.conf",
                    "/etc/systemd/system/prometheus-postgres-exporter.service.d/strata.conf", "0644")
            .file("dropin-prometheus-redis-exporter.conf",
                    "/etc/systemd/system/prometheus-redis-exporter.service.d/strata.conf", "0644")
            .file("dropin-grafana-server.conf", "/etc/systemd/system/grafana-server.service.d/strata.conf", "0644");

    private MonitoringUserData() {
    }

    static Output<String> render(MonitoringArgs args, Output<String> grafanaSecretArn, Output<String> webhookSecretArn) {
        var data = args.data();
        return Output.tuple(args.artifacts().bucketName(), data.databaseHost(), data.databasePort(),
                        data.databaseSecretArn(), data.redisHost(), data.redisSecretArn(), grafanaSecretArn,
                        Output.tuple(webhookSecretArn, args.publicHealthUrl()))
                .applyValue(t -> SCRIPT.render(Map.ofEntries(
                        Map.entry("REGION", args.region()),
                        Map.entry("BUCKET", t.t1),
                        Map.entry("DB_HOST", t.t2),
                        Map.entry("DB_PORT", String.valueOf(t.t3)),
                        Map.entry("DB_NAME", Database.DATABASE_NAME),
                        Map.entry("DB_SECRET_ARN", t.t4),
                        Map.entry("REDIS_HOST", t.t5),
                        Map.entry("REDIS_PORT", String.valueOf(Cache.PORT)),
                        Map.entry("REDIS_SECRET_ARN", t.t6),
                        Map.entry("GRAFANA_SECRET_ARN", t.t7),
                        Map.entry("ALERT_WEBHOOK_SECRET_ARN", t.t8.t1),
                        Map.entry("PUBLIC_HEALTH_URL", t.t8.t2))));
    }
}
