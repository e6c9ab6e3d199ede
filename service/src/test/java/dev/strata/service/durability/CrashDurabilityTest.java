package dev.strata.service.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.ServerProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The server is SIGKILLed under concurrent writes, three times, and restarted each time. Through
 * each fresh server: every acknowledged write is there at its acknowledged version (or the one
 * later write of that key that was in flight at the kill), whole; no other key or value appears.
 */
class CrashDurabilityTest {

    private static final int ROUNDS = 3;
    private static final int CLIENTS = 16;
    private static final int ACKS_BEFORE_KILL = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WriteLedger ledger = new WriteLedger();
    private final Random random = new Random(20261122);

    @Test
    void acknowledgedWritesSurviveKillMinus9MidLoad() throws Exception {
        Tenant tenant = null;
        for (int round = 1; round <= ROUNDS; round++) {
            try (ServerProcess server = ServerProcess.start("crash-round-" + round, Map.of())) {
                ApiClient api = server.client();
                if (tenant == null) {
                    tenant = api.newTenant();
                } else {
                    verifyAgainstLedger(api, tenant, "before round " + round);
                }
                CrashLoad load = new CrashLoad(api, tenant, ledger, round);
                load.start(CLIENTS);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (load.acknowledged() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(200));
                int acknowledgedAtKill = load.acknowledged();
                server.kill();
                load.awaitClients();
                System.out.printf("crash round %d: %d writes acknowledged (%d when SIGKILL was sent), %d keys known%n",
                        round, load.acknowledged(), acknowledgedAtKill, ledger.allKeys().size());
                assertThat(load.acknowledged()).as("load was running when the server was killed").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
                assertThat(load.unexpectedAnswers()).as("answers other than 200 before the kill").isEmpty();
            }
        }
        try (ServerProcess fresh = ServerProcess.start("crash-verify", Map.of())) {
            verifyAgainstLedger(fresh.client(), tenant, "after the last kill");
        }
    }

    /** Reads every key the clients ever sent through a batch get, plus the listing, and reconciles with the ledger. */
    private void verifyAgainstLedger(ApiClient api, Tenant tenant, String when) throws Exception {
        List<String> keys = new ArrayList<>(ledger.allKeys());
        List<String> violations = new ArrayList<>();
        Map<String, Long> storedVersions = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 1000) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
            StringBuilder operations = new StringBuilder();
            for (String key : chunk) {
                operations.append(operations.isEmpty() ? "" : ",").append("{\"op\":\"get\",\"key\":\"").append(key).append("\"}");
            }
            Response batch = api.as(tenant, "POST", "/v1/kv/" + CrashLoad.NAMESPACE + ":batch", "{\"operations\":[" + operations + "]}");
            assertThat(batch.status()).as(batch.body()).isEqualTo(200);
            for (JsonNode result : batch.json().get("results")) {
                String key = result.get("key").asText();
                long seq = -1;
                long version = 0;
                if (result.get("status").asInt() == 200) {
                    JsonNode value = result.get("value");
                    seq = value.path("seq").asLong(-1);
                    version = result.get("version").asLong();
                    storedVersions.put(key, version);
                    if (!value.equals(JSON.readTree(WriteLedger.body(key, seq)))) {
                        violations.add(key + ": value is not a complete write: " + value);
                    }
                }
                String violation = ledger.reconcile(key, seq, version);
                if (violation != null) {
                    violations.add(violation);
                }
            }
        }
        assertThat(violations).as("durability violations %s", when).isEmpty();
        assertThat(listedVersions(api, tenant)).as("the listing holds exactly the stored keys, at their versions").isEqualTo(storedVersions);
        assertThat(storedVersions.keySet()).containsAll(ledger.acknowledgedKeys());
        System.out.printf("verified %s: %d keys present, all %d acknowledged keys at their acknowledged (or in-flight) version;"
                + " %d unanswered writes so far turned out committed, whole%n",
                when, storedVersions.size(), ledger.acknowledgedKeys().size(), ledger.unansweredButCommitted());
    }

    private static Map<String, Long> listedVersions(ApiClient api, Tenant tenant) {
        Map<String, Long> listed = new HashMap<>();
        String cursor = null;
        do {
            Response page = api.as(tenant, "GET", "/v1/kv/" + CrashLoad.NAMESPACE + "?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> listed.put(item.get("key").asText(), item.get("version").asLong()));
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
        } while (cursor != null);
        return listed;
    }
}
