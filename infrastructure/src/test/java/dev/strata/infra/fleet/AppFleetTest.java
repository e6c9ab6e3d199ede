package dev.strata.infra.fleet;

import dev.strata.infra.host.BootScript;
import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.ShippedStacks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class AppFleetTest {
    static final String TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    static final String GROUP = "aws:autoscaling/group:Group";

    @Test
    void groupSizeComesFromTheStackConfig() {
        assertThat(ShippedStacks.prod().single(GROUP).number("minSize")).isEqualTo(2);
        assertThat(ShippedStacks.prod().single(GROUP).number("maxSize")).isEqualTo(10);
        assertThat(ShippedStacks.dev().single(GROUP).number("minSize")).isEqualTo(1);
        assertThat(ShippedStacks.dev().single(GROUP).number("maxSize")).isEqualTo(3);
    }

    @Test
    void hardenedTemplate() {
        RecordedResource template = ShippedStacks.prod().single(TEMPLATE);

        assertThat(template.text("metadataOptions", "httpTokens")).isEqualTo("required");
        assertThat(template.text("blockDeviceMappings", 0, "ebs", "encrypted")).isEqualTo("true");
        assertThat(template.text("networkInterfaces", 0, "associatePublicIpAddress")).isEqualTo("false");
        assertThat(template.input("keyName")).isEmpty();
        assertThat(template.text("imageId")).isEqualTo("ami-0123456789abcdef0");
        assertThat(template.text("tagSpecifications")).contains("strata:role=app");
    }

    @Test
    void groupRefreshesOnTemplateChangeAndChecksHealthThroughTheAlb() {
        var prod = ShippedStacks.prod();
        RecordedResource group = prod.single(GROUP);

        assertThat(group.text("healthCheckType")).isEqualTo("ELB");
        assertThat(group.text("targetGroupArns")).contains("edge-targets");
        assertThat(group.text("launchTemplate", "version")).isEqualTo("1");
        assertThat(group.text("instanceRefresh", "strategy")).isEqualTo("Rolling");
        assertThat(group.number("instanceRefresh", "preferences", "minHealthyPercentage")).isEqualTo(90);
        assertThat(group.text("vpcZoneIdentifiers")).contains("network-private-0-id", "network-private-2-id");
        var policy = prod.single("aws:autoscaling/policy:Policy");
        assertThat(policy.text("policyType")).isEqualTo("TargetTrackingScaling");
        assertThat(policy.text("targetTrackingConfiguration", "predefinedMetricSpecification", "predefinedMetricType"))
                .isEqualTo("ASGAverageCPUUtilization");
        assertThat(policy.number("targetTrackingConfiguration", "targetValue")).isEqualTo(60);
        assertThat(policy.text("autoscalingGroupName")).isEqualTo("strata-prod-app-20261122mock");
    }

    @Test
    void userDataFetchesTheReleaseAndSecretArnsButNoSecret() {
        var prod = ShippedStacks.prod();
        String script = new String(Base64.getDecoder().decode(prod.single(TEMPLATE).text("userData")),
                StandardCharsets.UTF_8);

        assertThat(script).contains("s3://$bucket/releases/0.1.0/strata-service.jar",
                "/opt/strata/service/strata-service.jar", "/opt/strata/console/releases/$release/",
                "/opt/strata/console/current", "bucket=strata-prod-artifacts-20261122mock",
                "DB_HOST=strata-prod-db.abcdefghijkl.eu-west-1.rds.amazonaws.com",
                "DB_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-mock-AbCdEf",
                "REDIS_HOST=master.strata-prod-redis", "ADMIN_SECRET_ARN=arn:aws:secretsmanager:",
                "prometheus-node-exporter", "prometheus-nginx-exporter", "/usr/local/bin/strata-fix");
        assertThat(script).doesNotContain("planPlaceholder");
        assertThat(script.getBytes(StandardCharsets.UTF_8).length).isLessThan(BootScript.USER_DATA_LIMIT_BYTES);
    }

    @Test
    void instanceRoleReadsOnlyItsReleaseAndItsSecrets() {
        String policy = ShippedStacks.prod().named("app-access").text("policy");

        assertThat(policy).contains("arn:aws:s3:::strata-prod-artifacts-20261122mock/releases/0.1.0/*",
                "secret:rds!db-mock-AbCdEf", "cache-auth-token", "app-admin-token");
        assertThat(policy).doesNotContain("\"*\"").doesNotContain("monitoring/");
    }
}
