package dev.strata.service.durability;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writers that keep writing fresh keys while PostgreSQL is taken away, until each has been refused
 * three times in a row. They remember which writes were acknowledged and which were not, so the
 * test can check both after PostgreSQL is back.
 */
final class RacingWriters {

    static final String NAMESPACE = "inflight";
    private static final int REFUSALS_TO_STOP = 3;

    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> notAcknowledged = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    void start(ApiClient api, Tenant tenant, int writers) {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().name("racing-writer-" + w).start(() -> {
                int refusedInARow = 0;
                for (int i = 0; refusedInARow < REFUSALS_TO_STOP; i++) {
                    String key = "w-" + writer + "-" + i;
                    String value = "{\"writer\":" + writer + ",\"i\":" + i + ",\"pad\":\"" + "p".repeat(100 + i % 500) + "\"}";
                    Response response = api.as(tenant, "PUT", "/v1/kv/" + NAMESPACE + "/" + key, value);
                    if (response.status() == 200) {
                        acknowledged.put(key, value);
                        refusedInARow = 0;
                    } else {
                        notAcknowledged.put(key, value);
                        refusedInARow++;
                    }
                }
            }));
        }
    }

    void awaitAcknowledged(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    void awaitStopped() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    Map<String, String> acknowledged() {
        return acknowledged;
    }

    Map<String, String> notAcknowledged() {
        return notAcknowledged;
    }
}
