package dev.strata.service.tier.hot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live server on its default placement policy: the learned one serves from the hot tier, exports
 * its hit ratio, model version and training loss, and resumes its model from the checkpoint after a
 * restart.
 */
class LearnedPlacementServerTest {

    @TempDir
    Path checkpoint;

    private TestServer start() {
        // Default policy on purpose (no strata.hot.policy): the test proves what the default is.
        return TestServer.withoutRedis(Map.of(
                "strata.hot.checkpoint-dir", checkpoint.toString(),
                "strata.hot.max-bytes", "65536",
                "strata.hot.mean-entry-bytes", "200"));
    }

    @Test
    void theDefaultLearnedPolicyServesExportsItsModelAndResumesAfterARestart() {
        long trainedVersion;
        try (TestServer server = start()) {
            ApiClient api = server.client();
            Tenant tenant = api.newTenant();
            assertThat(api.as(tenant, "PUT", "/v1/kv/notes/a", "{\"n\":1}").status()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                ApiClient.Response read = api.as(tenant, "GET", "/v1/kv/notes/a", null);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.header("X-Strata-Tier")).isEqualTo("hot");
            }
            HotTier hot = server.bean(HotTier.class);
            assertThat(hot.policyName()).isEqualTo("learned");

            String scrape = scrape(api);
            assertThat(gauge(scrape, "strata_placement_hit_ratio")).isGreaterThan(0.5);
            assertThat(scrape).contains("strata_placement_training_loss{").contains("strata_placement_model_deciding{");

            trainedVersion = PolicyHotTierTest.trainUntilModelVersion((PolicyHotTier) ((TenantRoutedHotTier) hot).placed(), 3);
            assertThat(trainedVersion).isGreaterThanOrEqualTo(3);
            // The gauges share a snapshot up to a second old (one lock acquisition per scrape).
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String trained = scrape(api);
                assertThat(gauge(trained, "strata_placement_model_version")).isGreaterThanOrEqualTo(3);
                assertThat(gauge(trained, "strata_placement_training_loss")).isFinite().isNotNegative();
                assertThat(gauge(trained, "strata_placement_training_samples")).isPositive();
            });
        }
        try (TestServer restarted = start()) {
            double resumed = gauge(scrape(restarted.client()), "strata_placement_model_version");
            assertThat(resumed).as("model version right after the restart").isGreaterThanOrEqualTo(trainedVersion);
        }
    }

    @Test
    void aTenantWithLearnedPlacementOffIsServedHotByThePlainTier() {
        try (TestServer server = start()) {
            ApiClient api = server.client();
            Tenant plainTenant = api.newTenant();
            Tenant learnedTenant = api.newTenant();
            ApiClient.Response flags = api.admin("PUT", "/v1/admin/tenants/" + plainTenant.id() + "/flags",
                    "{\"learned-placement\": false}");
            assertThat(flags.status()).isEqualTo(200);
            for (Tenant tenant : new Tenant[] {plainTenant, learnedTenant}) {
                assertThat(api.as(tenant, "PUT", "/v1/kv/notes/a", "{\"n\":1}").status()).isEqualTo(200);
                assertThat(api.as(tenant, "GET", "/v1/kv/notes/a", null).header("X-Strata-Tier")).isEqualTo("hot");
            }
            TenantRoutedHotTier hot = (TenantRoutedHotTier) server.bean(HotTier.class);
            HotTier placed = hot.placed();
            assertThat(placed.get(new ItemKey(learnedTenant.id(), "notes", "a"))).isNotNull();
            assertThat(placed.get(new ItemKey(plainTenant.id(), "notes", "a")))
                    .as("the learned policy does not hold the switched-off tenant's item").isNull();
            assertThat(hot.entryCount()).isEqualTo(placed.entryCount() + 1);
        }
    }

    private static String scrape(ApiClient api) {
        ApiClient.Response response = api.send("GET", "/actuator/prometheus", null, null);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static double gauge(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*policy=\"learned\"[^}]*\\} (\\S+)$").matcher(scrape);
        assertThat(matcher.find()).as(name + " with policy=\"learned\" in the scrape").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
