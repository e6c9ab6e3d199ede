package dev.strata.service.tier.warm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.TestServer;
import dev.strata.service.tier.hot.HotTier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.embedded.RedisShardedCluster;

/** The warm tier against a real three-shard Redis Cluster (embedded redis-server binaries). */
class RedisClusterTest {

    private static RedisShardedCluster cluster;
    private static int seedPort;

    @BeforeAll
    static void startCluster() throws Exception {
        List<Integer> ports = List.of(freeClusterPort(), freeClusterPort(), freeClusterPort());
        cluster = RedisShardedCluster.newRedisCluster()
                .serverPorts(ports) // before shard(): each shard takes its port when declared
                .shard("shard-a", 0).shard("shard-b", 0).shard("shard-c", 0)
                .initializationTimeout(java.time.Duration.ofSeconds(20))
                .build();
        cluster.start();
        seedPort = cluster.serverPorts().getFirst();
        awaitClusterOk(cluster.serverPorts());
        System.out.println("Redis Cluster on ports " + cluster.serverPorts());
    }

    /**
     * The cluster's start returns once slots are assigned, but each node says {@code cluster_state:ok}
     * only after the nodes have gossiped; a write before that gets CLUSTERDOWN (seen in a clean-clone run),
     * and the server then detaches from Redis by design. Wait for every node.
     */
    private static void awaitClusterOk(List<Integer> ports) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        for (int port : ports) {
            try (redis.clients.jedis.Jedis node = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
                while (!node.clusterInfo().contains("cluster_state:ok")) {
                    assertThat(System.currentTimeMillis()).as("cluster_state:ok on port " + port).isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
        }
    }

    /** A free port p whose cluster-bus port p + 10000 is free too (and below 65536). */
    private static int freeClusterPort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + random.nextInt(20000);
            if (isFree(port) && isFree(port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair for a Redis Cluster node");
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void itemsBatchesCoherenceAndTenantDeletionWorkOnACluster() throws Exception {
        // A generous timeout: with the default 250 ms a CPU spike on a shared CI machine can make the server
        // detach from the cluster (by design) and serve from PostgreSQL, which is not what this test is about.
        Map<String, String> clusterConfig = Map.of("strata.warm.url", "redis://127.0.0.1:" + seedPort, "strata.warm.cluster", "true",
                "strata.warm.timeout-ms", "2000");
        try (TestServer a = TestServer.withRedis(clusterConfig); TestServer b = TestServer.withRedis(clusterConfig);
             JedisCluster direct = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", seedPort)), DefaultJedisClientConfig.builder().build())) {
            ApiClient api = a.client();
            Tenant tenant = api.newTenant();
            Set<Integer> slots = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                assertThat(api.as(tenant, "PUT", "/v1/kv/c/key-" + i, Integer.toString(i)).status()).isEqualTo(200);
                slots.add(JedisClusterCRC16.getSlot("strata:v1:" + tenant.id() + ":c:key-" + i));
            }
            assertThat(slots).as("keys spread over many slots").hasSizeGreaterThan(30);
            StringBuilder ops = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                ops.append(i == 0 ? "" : ",").append("{\"op\":\"put\",\"key\":\"b-").append(i).append("\",\"value\":").append(i).append('}');
            }
            assertThat(api.as(tenant, "POST", "/v1/kv/c:batch", "{\"operations\":[" + ops + "]}").status()).isEqualTo(200);

            // Served from the cluster once the hot tier forgets.
            a.bean(HotTier.class).clear();
            for (int i = 0; i < 60; i += 7) {
                var read = api.as(tenant, "GET", "/v1/kv/c/key-" + i, null);
                assertThat(read.body()).isEqualTo(Integer.toString(i));
                assertThat(read.header("X-Strata-Tier")).isEqualTo("warm");
            }
            assertThat(api.as(tenant, "GET", "/v1/kv/c/b-39", null).header("X-Strata-Tier")).isEqualTo("warm");

            // Pub/sub invalidation through the cluster.
            assertThat(b.client().as(tenant, "GET", "/v1/kv/c/key-1", null).body()).isEqualTo("1");
            api.as(tenant, "PUT", "/v1/kv/c/key-1", "\"changed\"");
            long start = System.nanoTime();
            while (!b.client().as(tenant, "GET", "/v1/kv/c/key-1", null).body().equals("\"changed\"")) {
                assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
                Thread.sleep(5);
            }

            // Tenant deletion scans every shard.
            var receipt = api.admin("DELETE", "/v1/admin/tenants/" + tenant.id(), null);
            assertThat(receipt.status()).isEqualTo(200);
            assertThat(receipt.json().get("removed").get("warmKeys").asLong()).isEqualTo(100);
            assertThat(direct.get("strata:v1:" + tenant.id() + ":c:key-2")).isNull();
            assertThat(direct.hgetAll("strata:v1:" + tenant.id() + ":c:key-2")).isEmpty();
        }
    }
}
