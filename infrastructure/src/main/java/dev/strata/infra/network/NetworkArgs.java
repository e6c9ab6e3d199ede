package dev.strata.infra.network;

import com.pulumi.core.Output;
import dev.strata.infra.settings.NetworkSettings;

import java.util.List;

/**
 * @param settings           zone count, CIDR and NAT layout
 * @param zoneNames          availability zones of the region, in order (the first {@code azCount} are used)
 * @param flowLogBucketArn   the log archive receiving VPC flow logs
 * @param namePrefix         prefix of AWS Name tags
 */
public record NetworkArgs(NetworkSettings settings, Output<List<String>> zoneNames, Output<String> flowLogBucketArn,
                          String namePrefix) {
}
