package dev.strata.service.admin.bench;

import dev.strata.service.admin.JsonOutput;
import picocli.CommandLine.Mixin;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin bench}: a closed-loop load generator against a running server's HTTP API. Each of
 * {@code --concurrency} workers sends one request at a time (reads, writes, listings, semantic searches
 * and long-term memory writes in the given mix) for {@code --duration}; latencies go to HdrHistograms. Closed-loop numbers understate tail
 * latency under overload (coordinated omission); use them to compare deployments, not as an SLO.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load a running server (reads/writes/listings, semantic searches and memory writes, concurrency, duration); "
                + "print throughput and latency percentiles per operation.")
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "url", description = "Server base URL, e.g. http://localhost:8080.")
    String url;

    @Option(names = "--api-key", paramLabel = "key", defaultValue = "${env:STRATA_API_KEY}",
            description = "Tenant API key (default: $STRATA_API_KEY). Never printed.")
    String apiKey;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "seconds", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "seconds", description = "Unmeasured seconds first (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent workers (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--reads", defaultValue = "80", description = "Percent reads (default: ${DEFAULT-VALUE}).")
    int readPercent;

    @Option(names = "--lists", defaultValue = "0", description = "Percent listings (prefix scans; default: ${DEFAULT-VALUE}); the rest are writes.")
    int listPercent;

    @Option(names = "--searches", defaultValue = "0",
            description = "Percent semantic searches, POST /v1/memories/search (default: ${DEFAULT-VALUE}).")
    int searchPercent;

    @Option(names = "--memory-writes", defaultValue = "0",
            description = "Percent long-term memory writes, POST /v1/memories (embedding + deduplication; default: ${DEFAULT-VALUE}).")
    int memoryWritePercent;

    @Option(names = "--memories", defaultValue = "1000",
            description = "Distinct memory texts, preloaded when the mix has searches or memory writes (default: ${DEFAULT-VALUE}).")
    int memories;

    @Option(names = "--memory-user", defaultValue = "bench", description = "User id the memories belong to (default: ${DEFAULT-VALUE}).")
    String memoryUser;

    @Option(names = "--keys", defaultValue = "10000", description = "Distinct keys (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--value-bytes", defaultValue = "256", description = "Size of written values (default: ${DEFAULT-VALUE}).")
    int valueBytes;

    @Option(names = "--namespace", defaultValue = "bench", description = "Namespace used (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--no-preload", description = "Do not write every key before measuring.")
    boolean noPreload;

    @Mixin
    JsonOutput jsonOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        String base = url.replaceAll("/+$", "");
        String value = "\"" + "x".repeat(Math.max(0, valueBytes - 2)) + "\"";
        BenchClient client = new BenchClient(http, base, apiKey, namespace, memoryUser);
        Workload workload = new Workload(readPercent, listPercent, searchPercent, memoryWritePercent);
        client.check();
        if (workload.usesMemories()) {
            client.checkMemories();
        }
        if (!noPreload) {
            client.preload(keys, value);
            if (workload.usesMemories()) {
                client.preloadMemories(memories);
            }
        }
        runPhase(client, workload, value, warmupSeconds, null);
        OperationStats stats = new OperationStats();
        long started = System.nanoTime();
        runPhase(client, workload, value, durationSeconds, stats);
        double seconds = (System.nanoTime() - started) / 1e9;
        report(stats, seconds, workload);
        return stats.errors() == 0 ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    private void validate() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new AdminFailure(ExitCode.USAGE, "Give a tenant API key with --api-key or STRATA_API_KEY.");
        }
        if (durationSeconds < 1 || warmupSeconds < 0 || concurrency < 1 || concurrency > 4096 || keys < 1 || valueBytes < 2
                || valueBytes > 1_000_000) {
            throw new AdminFailure(ExitCode.USAGE, "--duration ≥ 1, --warmup ≥ 0, --concurrency 1..4096, --keys ≥ 1, --value-bytes 2..1000000.");
        }
        if (readPercent < 0 || listPercent < 0 || searchPercent < 0 || memoryWritePercent < 0
                || readPercent + listPercent + searchPercent + memoryWritePercent > 100) {
            throw new AdminFailure(ExitCode.USAGE, "--reads, --lists, --searches and --memory-writes are percentages that add up to at most 100.");
        }
        if (memories < 1 || memoryUser == null || memoryUser.isBlank()) {
            throw new AdminFailure(ExitCode.USAGE, "--memories ≥ 1 and a non-empty --memory-user.");
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new AdminFailure(ExitCode.USAGE, "--url must look like http://host:8080.");
        }
    }

    private void runPhase(BenchClient client, Workload workload, String value, int seconds, OperationStats stats) throws Exception {
        if (seconds == 0) {
            return;
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                running.add(workers.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                        Workload.Op op = workload.next(random);
                        String key = "k" + random.nextInt(keys);
                        long start = System.nanoTime();
                        boolean ok = client.send(op, key, value, random.nextInt(memories));
                        if (stats != null) {
                            stats.record(op, System.nanoTime() - start, ok);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
    }

    private void report(OperationStats stats, double seconds, Workload workload) {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Map<String, Object>> rows = stats.summary(seconds);
        if (jsonOutput.requested()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("url", url);
            result.put("concurrency", concurrency);
            result.put("seconds", Math.round(seconds * 10) / 10.0);
            result.put("mix", Map.of("reads", readPercent, "lists", listPercent, "searches", searchPercent,
                    "memoryWrites", memoryWritePercent, "writes", workload.writePercent()));
            result.put("operations", rows);
            Output.json(out, result);
            return;
        }
        out.printf("%s: %d workers, %.1f s measured after %d s warm-up; %d%% reads, %d%% listings, %d%% writes; %d keys, %d-byte values%n",
                url, concurrency, seconds, warmupSeconds, readPercent, listPercent, workload.writePercent(), keys, valueBytes);
        if (workload.usesMemories()) {
            out.printf("semantic: %d%% searches, %d%% memory writes; %d memory texts of user %s%n", searchPercent, memoryWritePercent,
                    memories, memoryUser);
        }
        out.printf("%-9s %9s %9s %8s %8s %8s %8s %8s %7s%n", "op", "count", "ops/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
        rows.forEach((op, r) -> out.printf("%-9s %9d %9.0f %8.2f %8.2f %8.2f %8.2f %8.2f %7d%n", op, r.get("count"), r.get("opsPerSecond"),
                r.get("p50Ms"), r.get("p90Ms"), r.get("p99Ms"), r.get("p999Ms"), r.get("maxMs"), r.get("errors")));
        out.flush();
    }
}
