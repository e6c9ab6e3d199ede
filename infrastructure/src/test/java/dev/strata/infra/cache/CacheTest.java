package dev.strata.infra.cache;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.ShippedStacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheTest {
    static final String REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";

    @Test
    void productionHasAReplicaWithAutomaticMultiAzFailover() {
        RecordedResource redis = ShippedStacks.prod().single(REDIS);

        assertThat(redis.number("numCacheClusters")).isEqualTo(2);
        assertThat(redis.isTrue("automaticFailoverEnabled")).isTrue();
        assertThat(redis.isTrue("multiAzEnabled")).isTrue();
        assertThat(redis.number("snapshotRetentionLimit")).isEqualTo(7);
        assertThat(redis.text("nodeType")).isEqualTo("cache.m7g.large");
    }

    @Test
    void devRunsOneNodeOfTheConfiguredType() {
        RecordedResource redis = ShippedStacks.dev().single(REDIS);

        assertThat(redis.number("numCacheClusters")).isEqualTo(1);
        assertThat(redis.isTrue("automaticFailoverEnabled")).isFalse();
        assertThat(redis.text("nodeType")).isEqualTo("cache.t4g.small");
    }

    @Test
    void encryptedEverywhereWithTheTokenOnlyAsASecret() {
        var prod = ShippedStacks.prod();
        RecordedResource redis = prod.single(REDIS);

        assertThat(redis.isTrue("atRestEncryptionEnabled")).isTrue();
        assertThat(redis.isTrue("transitEncryptionEnabled")).isTrue();
        assertThat(redis.text("authToken")).isEqualTo("[secret]");
        assertThat(prod.named("cache-auth-token-value").text("secretString")).isEqualTo("[secret]");
        assertThat(prod.named("cache-auth-token").text("name")).isEqualTo("strata-prod/redis-auth-token");
    }

    @Test
    void evictionPolicyIsSetAndSlowLogIsDelivered() {
        var prod = ShippedStacks.prod();

        assertThat(prod.single("aws:elasticache/parameterGroup:ParameterGroup").text("parameters"))
                .contains("name=maxmemory-policy, value=allkeys-lru");
        assertThat(prod.single(REDIS).text("logDeliveryConfigurations")).contains("logType=slow-log");
    }
}
