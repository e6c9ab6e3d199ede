package dev.strata.infra.storage;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.ShippedStacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArtifactBucketTest {
    @Test
    void everyArtefactIsAnObjectUploadedFromItsFile() {
        List<RecordedResource> objects = ShippedStacks.prod().ofType("aws:s3/bucketObjectv2:BucketObjectv2");

        assertThat(objects).extracting(o -> o.text("key")).containsExactlyInAnyOrder(
                "releases/0.1.0/strata-service.jar", "releases/0.1.0/deployment-fixes.jar",
                "releases/0.1.0/console/index.html", "releases/0.1.0/console/assets/console.js",
                "monitoring/prometheus/prometheus.yml", "monitoring/alertmanager/alertmanager.yml",
                "monitoring/grafana/provisioning/datasources/prometheus.yml", "monitoring/blackbox/blackbox.yml");
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.text("bucket")).isEqualTo("artifacts-bucket-id");
            assertThat(o.text("source", "asset")).startsWith(ShippedStacks.standInRoot().toString());
        });
    }

    @Test
    void bucketIsPrivateKmsEncryptedVersionedAndLogged() {
        var prod = ShippedStacks.prod();

        assertThat(prod.named("artifacts-bucket-public-access-block").isTrue("restrictPublicBuckets")).isTrue();
        assertThat(prod.named("artifacts-bucket-encryption")
                .text("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")).isEqualTo("aws:kms");
        assertThat(prod.named("artifacts-bucket-versioning").text("versioningConfiguration", "status"))
                .isEqualTo("Enabled");
        assertThat(prod.named("artifacts-access-logging").text("targetBucket")).startsWith("strata-prod-logs-");
        assertThat(prod.named("artifacts-policy").text("policy")).contains("DenyInsecureTransport");
    }

    @Test
    void logArchiveAcceptsDeliveriesFromAlbFlowLogsAndS3Only() {
        String policy = ShippedStacks.prod().named("logs-policy").text("policy");

        assertThat(policy).contains("logdelivery.elasticloadbalancing.amazonaws.com", "delivery.logs.amazonaws.com",
                "logging.s3.amazonaws.com", "arn:aws:iam::156460612806:root", "/alb/*", "/vpc-flow-logs/*",
                "/s3-access/*", "DenyInsecureTransport");
    }
}
