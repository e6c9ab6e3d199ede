package dev.strata.infra.settings;

import java.util.regex.Pattern;

/**
 * @param nodeType               ElastiCache node type; the default cache.m7g.large (2 vCPU, 6.4 GiB) is the
 *                               smallest non-burstable class at or above the 2 vCPU / 4 GB target
 * @param nodeCount              primary plus replicas
 * @param snapshotRetentionDays  daily snapshots kept
 * @param maxmemoryPolicy        what Redis evicts when full; the warm tier is a cache, so an LRU policy
 */
public record CacheSettings(String nodeType, int nodeCount, int snapshotRetentionDays, String maxmemoryPolicy) {
    private static final Pattern NODE_TYPE = Pattern.compile("cache\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern POLICY = Pattern.compile(
            "allkeys-lru|allkeys-lfu|allkeys-random|volatile-lru|volatile-lfu|volatile-random|volatile-ttl|noeviction");

    static CacheSettings read(ConfigValues config, Environment environment) {
        String nodeType = config.text("cacheNodeType", "cache.m7g.large", NODE_TYPE,
                "must be an ElastiCache node type such as cache.m7g.large");
        int nodeCount = config.integer("cacheNodeCount", environment.isProduction() ? 2 : 1, 1, 6);
        if (environment.isProduction() && nodeCount < 2) {
            throw new InvalidStackConfigException(config.fullKey("cacheNodeCount"), String.valueOf(nodeCount),
                    "must be at least 2 in prod: automatic failover needs a replica");
        }
        int retention = config.integer("cacheSnapshotRetentionDays", environment.isProduction() ? 7 : 1,
                environment.isProduction() ? 1 : 0, 35);
        String policy = config.text("cacheMaxmemoryPolicy", "allkeys-lru", POLICY,
                "must be a Redis maxmemory-policy such as allkeys-lru");
        return new CacheSettings(nodeType, nodeCount, retention, policy);
    }

    /** Failover and Multi-AZ need a replica to promote. */
    public boolean hasReplica() {
        return nodeCount > 1;
    }
}
