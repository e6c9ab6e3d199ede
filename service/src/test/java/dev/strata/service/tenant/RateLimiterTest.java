package dev.strata.service.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.SharedServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Token buckets per tenant: bursts are allowed up to the burst size, then 429 with a Retry-After. */
class RateLimiterTest {

    /** Defaults of 10 rps with bursts of 20: a tenant at the default may burst 20 requests. */
    private final RateLimiter limiter = new RateLimiter(new TenantProperties(10, 20));

    @Test
    void allowsTheBurstThenAsksToWaitAtLeastOneSecond() {
        TenantPrincipal tenant = new TenantPrincipal("t", 10);
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire(tenant)).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.acquire(tenant)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void burstScalesWithTheTenantsOwnRate() {
        TenantPrincipal slow = new TenantPrincipal("slow", 1);
        assertThat(limiter.acquire(slow)).isZero();
        assertThat(limiter.acquire(slow)).isZero();
        long wait = limiter.acquire(slow);
        assertThat(wait).isBetween(1L, 60L);
    }

    @Test
    void tenantsHaveSeparateBuckets() {
        TenantPrincipal busy = new TenantPrincipal("busy", 1);
        while (limiter.acquire(busy) == 0) {
            // drain
        }
        assertThat(limiter.acquire(new TenantPrincipal("quiet", 1))).isZero();
    }

    @Test
    void forgettingATenantRefillsItsBucket() {
        TenantPrincipal tenant = new TenantPrincipal("gone", 1);
        while (limiter.acquire(tenant) == 0) {
            // drain
        }
        limiter.forget("gone");
        assertThat(limiter.acquire(tenant)).isZero();
    }

    @Test
    void tokensRefillOverTime() throws InterruptedException {
        TenantPrincipal tenant = new TenantPrincipal("refill", 10);
        while (limiter.acquire(tenant) == 0) {
            // drain
        }
        Thread.sleep(250);
        assertThat(limiter.acquire(tenant)).as("~2.5 tokens came back after 250 ms at 10/s").isZero();
    }

    @Test
    void theApiAnswers429WithRetryAfterOnceATenantExceedsItsLimit() {
        ApiClient api = SharedServer.get().client();
        String id = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\",\"rateLimitPerSecond\":1}").status()).isEqualTo(201);
        String key = api.admin("POST", "/v1/admin/tenants/" + id + "/keys", "{}").json().get("key").asText();
        ApiClient.Tenant tenant = new ApiClient.Tenant(id, key);
        Response limited = null;
        for (int i = 0; i < 50 && limited == null; i++) {
            Response response = api.as(tenant, "GET", "/v1/kv/ns/k", null);
            if (response.status() == 429) {
                limited = response;
            } else {
                assertThat(response.status()).isEqualTo(404);
            }
        }
        assertThat(limited).as("a 429 within 50 rapid requests at 1 request per second").isNotNull();
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asText()).isEqualTo("https://strata.dev/problems/rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    }
}
