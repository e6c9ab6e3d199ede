package dev.strata.infra.monitoring;

import com.pulumi.core.Output;
import dev.strata.infra.host.ArtifactSource;
import dev.strata.infra.host.DataEndpoints;

import java.util.Optional;

/**
 * @param instanceType          EC2 type of the monitoring host
 * @param region                for EC2 service discovery and the AWS CLI
 * @param subnetId              a private subnet
 * @param securityGroupId       the monitoring group
 * @param amiId                 Ubuntu 24.04 image
 * @param artifacts             the bucket holding {@code monitoring/}
 * @param data                  where the PostgreSQL and Redis exporters point
 * @param grafanaAdminPassword  secret stack config, stored into Secrets Manager
 * @param alertWebhookUrl       optional secret stack config for Alertmanager's Slack receiver
 * @param publicHealthUrl       probed from the monitoring host by the blackbox exporter
 * @param adminCidr             a network with direct access to Grafana/Prometheus, if any
 * @param namePrefix            prefix of AWS names
 */
public record MonitoringArgs(String instanceType, String region, Output<String> subnetId,
                             Output<String> securityGroupId, Output<String> amiId, ArtifactSource artifacts,
                             DataEndpoints data, Output<String> grafanaAdminPassword,
                             Optional<Output<String>> alertWebhookUrl, Output<String> publicHealthUrl,
                             Optional<String> adminCidr, String namePrefix) {
}
