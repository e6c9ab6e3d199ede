package dev.strata.service.tier.warm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import dev.strata.service.tier.hot.HotTier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Redis killed and restarted under traffic: no client request fails, readiness says DEGRADED
 * (still HTTP 200) while Redis is gone, the warm tier re-attaches, and no stale copy survives.
 */
class RedisOutageTest {

    @Test
    void serverKeepsServingThroughARedisOutageAndReattaches() throws Exception {
        try (TestServer server = TestServer.withRedis(Map.of())) {
            ApiClient api = server.client();
            Tenant tenant = api.newTenant();
            WarmTier warm = server.bean(WarmTier.class);
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            Thread[] clients = new Thread[4];
            for (int c = 0; c < clients.length; c++) {
                int client = c;
                clients[c] = Thread.ofPlatform().start(() -> {
                    int i = 0;
                    while (running.get()) {
                        String key = "k" + client + "-" + (i % 50);
                        String value = "\"" + client + "-" + i + "\"";
                        Response put = api.as(tenant, "PUT", "/v1/kv/outage/" + key, value);
                        requests.incrementAndGet();
                        if (put.status() != 200) {
                            failures.add("PUT " + key + " -> " + put.status() + " " + put.body());
                        } else {
                            acknowledged.put(key, value);
                        }
                        Response get = api.as(tenant, "GET", "/v1/kv/outage/" + key, null);
                        requests.incrementAndGet();
                        if (get.status() != 200 || !get.body().equals(value)) {
                            failures.add("GET " + key + " -> " + get.status() + " " + get.body() + " expected " + value);
                        }
                        i++;
                    }
                });
            }
            Thread.sleep(700);
            EmbeddedStores.stopRedis();
            waitFor(() -> !warm.isAvailable());
            Response readiness = api.send("GET", "/actuator/health/readiness", null, null);
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().get("status").asText()).isEqualTo("DEGRADED");
            assertThat(readiness.json().get("components").get("redis").get("status").asText()).isEqualTo("DEGRADED");
            int beforeRestart = requests.get();
            Thread.sleep(1500);
            assertThat(requests.get()).as("traffic continued while Redis was down").isGreaterThan(beforeRestart + 10);
            EmbeddedStores.startRedis();
            waitFor(warm::isAvailable);
            Thread.sleep(700);
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            assertThat(failures).as("client-visible failures").isEmpty();
            assertThat(api.send("GET", "/actuator/health/readiness", null, null).json().get("status").asText()).isEqualTo("UP");

            // Nothing stale: every key reads back its last acknowledged value, from Redis too.
            server.bean(HotTier.class).clear();
            for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
                assertThat(api.as(tenant, "GET", "/v1/kv/outage/" + entry.getKey(), null).body()).isEqualTo(entry.getValue());
            }
            System.out.printf("redis outage: %d requests, 0 failures, %d keys verified%n", requests.get(), acknowledged.size());
        } finally {
            EmbeddedStores.startRedisIfStopped();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
