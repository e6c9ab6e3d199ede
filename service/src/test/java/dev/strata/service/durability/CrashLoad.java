package dev.strata.service.durability;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.ApiClient.Tenant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client threads writing as fast as the server answers until it stops answering. Each thread owns
 * its keys: three it keeps overwriting and a fresh one every fourth write. Every write is entered
 * in the {@link WriteLedger} before it is sent and again when it is acknowledged (200 + ETag).
 */
final class CrashLoad {

    static final String NAMESPACE = "crash";

    private final ApiClient api;
    private final Tenant tenant;
    private final WriteLedger ledger;
    private final int round;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<String> unexpectedAnswers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    CrashLoad(ApiClient api, Tenant tenant, WriteLedger ledger, int round) {
        this.api = api;
        this.tenant = tenant;
        this.ledger = ledger;
        this.round = round;
    }

    void start(int clients) {
        for (int t = 0; t < clients; t++) {
            int client = t;
            threads.add(Thread.ofPlatform().name("crash-client-" + t).start(() -> writeUntilTheServerDies(client)));
        }
    }

    private void writeUntilTheServerDies(int client) {
        for (int i = 0; ; i++) {
            String key = i % 4 == 3 ? "f-" + client + "-" + round + "-" + i : "v-" + client + "-" + (i % 3);
            long seq = ledger.nextSeq(key);
            ledger.sending(key, seq);
            Response response;
            try {
                response = api.as(tenant, "PUT", "/v1/kv/" + NAMESPACE + "/" + key, WriteLedger.body(key, seq));
            } catch (RuntimeException serverGone) {
                return;
            }
            if (response.status() != 200) {
                unexpectedAnswers.add(key + " -> " + response.status() + " " + response.body());
                return;
            }
            long version = Long.parseLong(response.header("ETag").replace("\"", ""));
            ledger.acknowledged(key, seq, version);
            acknowledged.incrementAndGet();
        }
    }

    int acknowledged() {
        return acknowledged.get();
    }

    List<String> unexpectedAnswers() {
        return unexpectedAnswers;
    }

    void awaitClients() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(60_000);
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " still running a minute after the kill");
            }
        }
    }
}
