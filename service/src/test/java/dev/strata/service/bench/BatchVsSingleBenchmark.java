package dev.strata.service.bench;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.TestServer;
import java.util.Map;

/**
 * 100 operations as one {@code :batch} call against 100 single PUTs, over HTTP against a real server
 * (embedded PostgreSQL with fsync on, embedded Redis), from one client.
 *
 * <p>Run: {@code bench/service-benchmarks.sh batch [rounds]}.
 */
public final class BatchVsSingleBenchmark {

    private BatchVsSingleBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (TestServer server = TestServer.withRedis(Map.of())) {
            ApiClient api = server.client();
            Tenant tenant = api.newTenant();
            StringBuilder ops = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                ops.append(i == 0 ? "" : ",").append("{\"op\":\"put\",\"key\":\"k").append(i).append("\",\"value\":{\"n\":").append(i).append("}}");
            }
            String batch = "{\"operations\":[" + ops + "]}";
            // Warm-up.
            for (int r = 0; r < 5; r++) {
                api.as(tenant, "POST", "/v1/kv/bench:batch", batch);
                for (int i = 0; i < 100; i++) {
                    api.as(tenant, "PUT", "/v1/kv/bench/k" + i, "{\"n\":" + i + "}");
                }
            }
            long singleNanos = 0;
            long batchNanos = 0;
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    if (api.as(tenant, "PUT", "/v1/kv/bench/k" + i, "{\"n\":" + i + "}").status() != 200) {
                        throw new IllegalStateException("single PUT failed");
                    }
                }
                singleNanos += System.nanoTime() - start;
                start = System.nanoTime();
                if (api.as(tenant, "POST", "/v1/kv/bench:batch", batch).status() != 200) {
                    throw new IllegalStateException("batch failed");
                }
                batchNanos += System.nanoTime() - start;
            }
            double singleOps = rounds * 100 / (singleNanos / 1e9);
            double batchOps = rounds * 100 / (batchNanos / 1e9);
            System.out.printf("100 single PUTs: %8.0f ops/s (%.2f ms per 100)%n", singleOps, singleNanos / 1e6 / rounds);
            System.out.printf("1 batch of 100 : %8.0f ops/s (%.2f ms per 100)%n", batchOps, batchNanos / 1e6 / rounds);
            System.out.printf("ratio batch/single throughput: %.1fx%n", batchOps / singleOps);
        }
    }
}
