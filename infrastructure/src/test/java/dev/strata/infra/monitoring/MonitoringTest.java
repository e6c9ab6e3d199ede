package dev.strata.infra.monitoring;

import dev.strata.infra.host.BootScript;
import dev.strata.infra.plan.RecordedStack;
import dev.strata.infra.plan.ShippedStacks;
import dev.strata.infra.plan.StackRun;
import org.junit.jupiter.api.Test;

import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoringTest {
    static final String INSTANCE = "aws:ec2/instance:Instance";

    @Test
    void privateHardenedHostProvisionedFromTheArtefactBucket() {
        var host = ShippedStacks.prod().single(INSTANCE);

        assertThat(host.text("subnetId")).isEqualTo("network-private-0-id");
        assertThat(host.isTrue("associatePublicIpAddress")).isFalse();
        assertThat(host.text("metadataOptions", "httpTokens")).isEqualTo("required");
        assertThat(host.isTrue("rootBlockDevice", "encrypted")).isTrue();
        assertThat(host.text("userData")).contains("REGION=eu-west-1",
                "DB_HOST=strata-prod-db.abcdefghijkl.eu-west-1.rds.amazonaws.com",
                "REDIS_HOST=master.strata-prod-redis", "GRAFANA_SECRET_ARN=arn:aws:secretsmanager:",
                "https://strata-prod-alb-1234567890.eu-west-1.elb.amazonaws.com/actuator/health/readiness",
                "prometheus-postgres-exporter", "prometheus-redis-exporter", "grafana")
                .doesNotContain("planPlaceholder");
        assertThat(host.text("userData").getBytes().length).isLessThan(BootScript.USER_DATA_LIMIT_BYTES);
    }

    @Test
    void roleDiscoversInstancesAndReadsOnlyMonitoringFilesAndItsSecrets() {
        String policy = ShippedStacks.prod().named("monitoring-access").text("policy");

        assertThat(policy).contains("ec2:DescribeInstances", "/monitoring/*", "rds!db-mock", "cache-auth-token",
                "monitoring-grafana-admin").doesNotContain("releases/").doesNotContain("app-admin-token");
    }

    @Test
    void accessInstructionsUseSsmPortForwarding() {
        assertThat(ShippedStacks.prod().outputs().get("monitoringAccess")).asString()
                .contains("aws ssm start-session", "AWS-StartPortForwardingSession", "portNumber=3000",
                        "portNumber=9090", "strata-prod/grafana-admin-password");
    }

    @Test
    void anAlertWebhookBecomesASecretTheHostMayRead() {
        var config = new HashMap<>(ShippedStacks.config("dev"));
        config.put("strata:alertWebhookUrl", "https://hooks.slack.com/services/T000/B000/XXXX");

        RecordedStack run = StackRun.run("dev", config);

        assertThat(run.errors()).isEmpty();
        assertThat(run.named("monitoring-alert-webhook-value").text("secretString")).isEqualTo("[secret]");
        assertThat(run.named("monitoring-access").text("policy")).contains("monitoring-alert-webhook");
        assertThat(run.single(INSTANCE).text("userData")).contains("ALERT_WEBHOOK_SECRET_ARN=arn:aws:secretsmanager:")
                .doesNotContain("hooks.slack.com");
    }
}
