package dev.strata.infra.firewall;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * @param vpcId           the VPC holding every group
 * @param adminCidr       a network allowed to reach Grafana and Prometheus directly (empty: SSM only)
 * @param namePrefix      prefix of the group names
 */
public record FirewallArgs(Output<String> vpcId, Optional<String> adminCidr, String namePrefix) {
}
