package dev.strata.service.tenant;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Per-tenant token buckets, per instance: a tenant may make {@code rate} requests per second with
 * bursts up to the configured burst (scaled to its rate). With N instances behind a load balancer
 * the fleet-wide limit is N times this.
 */
@Component
public class RateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TenantProperties defaults;

    public RateLimiter(TenantProperties defaults) {
        this.defaults = defaults;
    }

    /** 0 when the request may proceed, otherwise the seconds to wait (for Retry-After). */
    public long acquire(TenantPrincipal principal) {
        int rate = principal.rateLimitPerSecond();
        double burst = Math.max(rate, (double) defaults.burst() * rate / defaults.requestsPerSecond());
        Bucket bucket = buckets.get(principal.tenantId());
        if (bucket == null || bucket.rate != rate) {
            // compute() locks a map bin; only pay for it when the bucket is new or its rate changed.
            bucket = buckets.compute(principal.tenantId(), (id, existing) ->
                    existing != null && existing.rate == rate ? existing : new Bucket(rate, burst));
        }
        return bucket.tryTake();
    }

    public void forget(String tenantId) {
        buckets.remove(tenantId);
    }

    private static final class Bucket {
        private final int rate;
        private final double capacity;
        private double tokens;
        private long refilledAtNanos = System.nanoTime();

        Bucket(int rate, double capacity) {
            this.rate = rate;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        synchronized long tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAtNanos) * rate / (double) TimeUnit.SECONDS.toNanos(1));
            refilledAtNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.min(60, Math.max(1, (long) Math.ceil((1 - tokens) / rate)));
        }
    }
}
