package dev.strata.infra.cache;

import com.pulumi.core.Output;
import dev.strata.infra.settings.CacheSettings;

import java.util.List;

/**
 * @param settings          node type, replicas, snapshots, eviction policy
 * @param subnetIds         private subnets for the nodes
 * @param securityGroupId   the Redis group, reachable only from the app and monitoring groups
 * @param authToken         the AUTH token (secret stack config)
 * @param namePrefix        prefix of the ElastiCache identifiers and the secret name
 */
public record CacheArgs(CacheSettings settings, Output<List<String>> subnetIds, Output<String> securityGroupId,
                        Output<String> authToken, String namePrefix) {
}
