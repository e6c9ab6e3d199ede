package dev.strata.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.KvService;
import dev.strata.service.kv.WriteReceipt;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.SharedServer;
import dev.strata.service.tier.durable.DurableTier;
import dev.strata.service.tier.durable.ListedItem;
import dev.strata.service.tier.durable.Precondition;
import dev.strata.service.tier.hot.HotTier;
import dev.strata.service.tier.warm.WarmTier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Isolation below the controllers: the same namespace and key under two tenants are two items in
 * every tier, whatever the caller does with them.
 */
class StoreLayerIsolationTest {

    @Test
    void theSameNameUnderTwoTenantsIsTwoItemsInEveryTier() {
        ApiClient api = SharedServer.get().client();
        KvService kv = SharedServer.get().bean(KvService.class);
        DurableTier durable = SharedServer.get().bean(DurableTier.class);
        WarmTier warm = SharedServer.get().bean(WarmTier.class);
        HotTier hot = SharedServer.get().bean(HotTier.class);
        ItemKey a = new ItemKey(api.newTenant().id(), "same", "key");
        ItemKey b = new ItemKey(api.newTenant().id(), "same", "key");

        WriteReceipt writtenA = kv.put(a, json("\"a\""), 0, false, Precondition.NONE);
        kv.put(b, json("\"b\""), 0, false, Precondition.NONE);

        assertThat(value(kv.get(a).item().value())).isEqualTo("\"a\"");
        assertThat(value(kv.get(b).item().value())).isEqualTo("\"b\"");
        assertThat(value(hot.get(a).value())).isEqualTo("\"a\"");
        assertThat(value(warm.get(b).value())).isEqualTo("\"b\"");
        assertThat(value(durable.read(a).value())).isEqualTo("\"a\"");
        assertThat(value(durable.read(b).value())).isEqualTo("\"b\"");
        List<ListedItem> listedA = durable.list(a.tenant(), "same", "", "", 10);
        assertThat(listedA).singleElement().satisfies(item -> assertThat(item.version()).isEqualTo(writtenA.version()));

        kv.delete(b, Precondition.NONE);

        assertThat(kv.get(b)).isNull();
        assertThat(value(kv.get(a).item().value())).isEqualTo("\"a\"");
        hot.clear();
        assertThat(durable.read(b)).isNull();
        assertThat(value(durable.read(a).value())).isEqualTo("\"a\"");
        assertThat(value(warm.get(a).value())).isEqualTo("\"a\"");
        assertThat(durable.countItems(a.tenant())).isEqualTo(1);
        assertThat(durable.countItems(b.tenant())).isZero();
    }

    @Test
    void ephemeralItemsAreIsolatedInRedisAndTheHotTier() {
        ApiClient api = SharedServer.get().client();
        KvService kv = SharedServer.get().bean(KvService.class);
        ItemKey a = new ItemKey(api.newTenant().id(), "eph", "k");
        ItemKey b = new ItemKey(api.newTenant().id(), "eph", "k");

        kv.put(a, json("1"), 60, true, Precondition.NONE);

        assertThat(kv.get(b)).isNull();
        SharedServer.get().bean(HotTier.class).clear();
        assertThat(kv.get(b)).isNull();
        assertThat(value(kv.get(a).item().value())).isEqualTo("1");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String value(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
