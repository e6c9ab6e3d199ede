package dev.strata.service.tier.hot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The learned-placement flag routes a tenant's items, and a switch never resurrects an old version. */
class TenantRoutedHotTierTest {

    private final Set<String> placementOff = ConcurrentHashMap.newKeySet();
    private final AtomicInteger plainTiersBuilt = new AtomicInteger();
    private final Counter noop = new SimpleMeterRegistry().counter("noop");
    private final CaffeineHotTier placed = tier();
    private CaffeineHotTier plain;
    private final TenantRoutedHotTier routed = new TenantRoutedHotTier(placed, tenant -> !placementOff.contains(tenant),
            () -> {
                plainTiersBuilt.incrementAndGet();
                plain = tier();
                return plain;
            });

    private final ItemKey key = new ItemKey("acme", "ns", "k");

    private CaffeineHotTier tier() {
        return new CaffeineHotTier(1 << 20, 300, System::currentTimeMillis, noop, noop, noop);
    }

    private static StoredItem item(String json, long version) {
        return new StoredItem(json.getBytes(StandardCharsets.UTF_8), version, 0, false);
    }

    @Test
    void tenantsWithTheFlagOnNeverCreateThePlainTier() {
        routed.put(key, item("1", 1));
        assertThat(routed.get(key).version()).isEqualTo(1);
        assertThat(placed.get(key)).isNotNull();
        assertThat(plainTiersBuilt).hasValue(0);
        assertThat(routed.capacityBytes()).isEqualTo(placed.capacityBytes());
    }

    @Test
    void aTenantWithTheFlagOffIsServedByThePlainTierBuiltOnce() {
        placementOff.add("acme");
        routed.put(key, item("1", 1));
        routed.put(new ItemKey("acme", "ns", "other"), item("2", 2));
        assertThat(routed.get(key).version()).isEqualTo(1);
        assertThat(plainTiersBuilt).hasValue(1);
        assertThat(plain.get(key)).isNotNull();
        assertThat(placed.get(key)).isNull();
        assertThat(routed.entryCount()).isEqualTo(2);
        assertThat(routed.capacityBytes()).isEqualTo(placed.capacityBytes() + plain.capacityBytes());
    }

    @Test
    void switchingBackAndForthNeverServesAnOlderVersion() {
        routed.put(key, item("\"v1\"", 1));            // flag on: placed holds v1
        placementOff.add("acme");
        routed.put(key, item("\"v2\"", 2));            // flag off: plain holds v2, placed drops v1
        placementOff.remove("acme");
        assertThat(routed.get(key)).as("v1 must not come back from the placed tier").isNull();
        routed.put(key, item("\"v3\"", 3));            // flag on again: placed v3, plain drops v2
        placementOff.add("acme");
        assertThat(routed.get(key)).as("v2 must not come back from the plain tier").isNull();
    }

    @Test
    void invalidationsRemovalsAndTenantDeletionReachBothTiers() {
        ItemKey other = new ItemKey("beta", "ns", "k");
        routed.put(other, item("1", 1));                // beta: placed
        placementOff.add("acme");
        routed.put(key, item("1", 1));                  // acme: plain
        placementOff.remove("acme");
        routed.invalidate(key, 5);
        assertThat(plain.get(key)).isNull();
        placementOff.add("acme");
        routed.put(key, item("6", 6));
        routed.remove(key);
        assertThat(plain.get(key)).isNull();
        routed.put(key, item("7", 7));
        java.util.List<ItemKey> visited = new java.util.ArrayList<>();
        routed.forEachEntry((visitedKey, item) -> visited.add(visitedKey));
        assertThat(visited).as("entries of both tiers").containsExactlyInAnyOrder(key, other);
        assertThat(routed.removeTenant("acme")).isEqualTo(1);
        assertThat(routed.get(other)).isNotNull();
        routed.clear();
        assertThat(routed.entryCount()).isZero();
    }
}
