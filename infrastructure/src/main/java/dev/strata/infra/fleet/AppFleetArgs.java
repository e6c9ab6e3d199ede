package dev.strata.infra.fleet;

import com.pulumi.core.Output;
import dev.strata.infra.host.ArtifactSource;
import dev.strata.infra.host.DataEndpoints;
import dev.strata.infra.settings.FleetSettings;

import java.util.List;

/**
 * @param settings         instance type, fleet size, scaling target, release
 * @param region           for the AWS CLI calls on the hosts
 * @param subnetIds        private subnets the fleet spreads over
 * @param securityGroupId  the app group
 * @param targetGroupArn   the ALB target group the instances register with
 * @param amiId            Ubuntu 24.04 image
 * @param artifacts        where the release is installed from
 * @param data             PostgreSQL and Redis locations and secret ARNs
 * @param adminToken       the server's admin token (secret stack config), stored into Secrets Manager
 * @param namePrefix       prefix of AWS names
 */
public record AppFleetArgs(FleetSettings settings, String region, Output<List<String>> subnetIds,
                           Output<String> securityGroupId, Output<String> targetGroupArn, Output<String> amiId,
                           ArtifactSource artifacts, DataEndpoints data, Output<String> adminToken,
                           String namePrefix) {
}
