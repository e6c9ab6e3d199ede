package dev.strata.service.config;

import dev.strata.service.api.ApiProperties;
import dev.strata.service.tenant.AdminProperties;
import dev.strata.service.tenant.TenantProperties;
import dev.strata.service.tier.durable.DurableTierProperties;
import dev.strata.service.tier.hot.HotTierProperties;
import dev.strata.service.tier.warm.WarmTierProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs the resolved configuration once at start-up, secrets masked, so an operator sees what is in force. */
@Component
class ResolvedConfigurationLog {

    private static final Logger log = LoggerFactory.getLogger(ResolvedConfigurationLog.class);

    private final HotTierProperties hot;
    private final WarmTierProperties warm;
    private final DurableTierProperties durable;
    private final ApiProperties api;
    private final TenantProperties rateLimit;
    private final AdminProperties admin;

    ResolvedConfigurationLog(HotTierProperties hot, WarmTierProperties warm, DurableTierProperties durable, ApiProperties api,
                             TenantProperties rateLimit, AdminProperties admin) {
        this.hot = hot;
        this.warm = warm;
        this.durable = durable;
        this.api = api;
        this.rateLimit = rateLimit;
        this.admin = admin;
    }

    @EventListener(ApplicationReadyEvent.class)
    void logOnce() {
        log.info("Configuration: hot[max-bytes={}, max-staleness-seconds={}, policy={}] warm[{}] durable[{}, pool-size={}, "
                        + "group-commit max-batch={} threads={} queue={}] api[max-body-bytes={}, max-batch-operations={}] "
                        + "rate-limit[{}/s burst {}] admin-api={}",
                hot.maxBytes(), hot.maxStalenessSeconds(), hot.policy(),
                warm.enabled() ? (warm.cluster() ? "cluster" : "standalone") + ", timeout-ms=" + warm.timeoutMs() : "disabled",
                durable.embedded() ? "embedded" : "external", durable.poolSize(), durable.groupCommit().maxBatch(),
                durable.groupCommit().threads(), durable.groupCommit().queueCapacity(), api.maxBodyBytes(), api.maxBatchOperations(),
                rateLimit.requestsPerSecond(), rateLimit.burst(), admin.enabled() ? "enabled" : "disabled (set STRATA_ADMIN_TOKEN)");
    }
}
