package dev.strata.service.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.KvService;
import dev.strata.service.kv.StoredItem;
import dev.strata.service.kv.VersionClock;
import dev.strata.service.observability.TierMetrics;
import dev.strata.service.tier.hot.CaffeineHotTier;
import dev.strata.service.tier.hot.PolicyHotTier;
import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.NoWarmTier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Hot-tier get/put through the store API ({@link KvService#get} on a hot key, with its metrics, and
 * {@link CaffeineHotTier}) against raw Caffeine holding the same keys and values.
 *
 * <p>Run: {@code bench/hot-tier-jmh.sh} (builds the test classpath and runs
 * {@code org.openjdk.jmh.Main HotTierBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class HotTierBenchmark {

    private static final int KEYS = 10_000;

    /** The hot tier behind the store API: the plain Caffeine one, or the default learned placement policy. */
    @Param({"caffeine", "learned"})
    public String policy;

    private ItemKey[] keys;
    private StoredItem[] items;
    private Cache<ItemKey, StoredItem> rawCaffeine;
    private HotTier hotTier;
    private KvService store;

    @Setup
    public void setUp() {
        keys = new ItemKey[KEYS];
        items = new StoredItem[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = new ItemKey("tenant-a", "bench", "key-" + i);
            items[i] = new StoredItem(("{\"value\":" + i + "}").getBytes(), i + 1, 0, false);
        }
        rawCaffeine = Caffeine.newBuilder().maximumWeight(256L << 20)
                .weigher((ItemKey k, StoredItem v) -> k.estimatedBytes() + v.value().length + 96).build();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TierMetrics metrics = new TierMetrics(registry);
        Counter noop = Counter.builder("bench.noop").register(registry);
        hotTier = policy.equals("caffeine")
                ? new CaffeineHotTier(256L << 20, 3600, System::currentTimeMillis, noop, noop, noop)
                : new PolicyHotTier(policy, 256L << 20, 64, null, 3600, System::currentTimeMillis, noop, noop, noop);
        // Only the hot path is exercised: the lower tiers are never reached on a hit.
        store = new KvService(hotTier, new NoWarmTier(), null, null, new VersionClock(), metrics);
        for (int i = 0; i < KEYS; i++) {
            rawCaffeine.put(keys[i], items[i]);
            hotTier.put(keys[i], items[i]);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (hotTier instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private int next() {
        return ThreadLocalRandom.current().nextInt(KEYS);
    }

    @Benchmark
    public StoredItem rawCaffeineGet() {
        return rawCaffeine.getIfPresent(keys[next()]);
    }

    @Benchmark
    public StoredItem hotTierGet() {
        return hotTier.get(keys[next()]);
    }

    @Benchmark
    public Object storeApiGet() {
        return store.get(keys[next()]);
    }

    @Benchmark
    public void rawCaffeinePut() {
        int i = next();
        rawCaffeine.put(keys[i], items[i]);
    }

    @Benchmark
    public void hotTierPut() {
        int i = next();
        // A fresh version each time, as a real write would carry.
        StoredItem item = items[i];
        hotTier.put(keys[i], new StoredItem(item.value(), item.version() + System.nanoTime(), 0, false));
    }

    @Benchmark
    public void rawCaffeinePutFreshValue() {
        int i = next();
        StoredItem item = items[i];
        rawCaffeine.put(keys[i], new StoredItem(item.value(), item.version() + System.nanoTime(), 0, false));
    }
}
