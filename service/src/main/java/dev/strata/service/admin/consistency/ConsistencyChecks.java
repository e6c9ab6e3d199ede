package dev.strata.service.admin.consistency;

import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.ServerApi;
import dev.strata.service.admin.StoreContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of consistency checks, explicit rather than scanned: each check is listed here with
 * the condition under which it applies to a deployment.
 */
final class ConsistencyChecks {

    private ConsistencyChecks() {
    }

    /**
     * The warm tier's check when Redis is configured; the semantic index's check for each running
     * server given (the index lives in each server's process, so each is checked where it is).
     */
    static List<ConsistencyCheck> applicable(StoreContext stores, List<String> servers) {
        List<ConsistencyCheck> checks = new ArrayList<>();
        stores.warm().ifPresent(warm -> checks.add(new WarmDurableCheck(warm, stores.dataSource(), System::currentTimeMillis)));
        if (!servers.isEmpty()) {
            String token = stores.adminToken();
            if (token.isBlank()) {
                throw new AdminFailure(ExitCode.USAGE, "--server needs the servers' admin token in the configuration "
                        + "(strata.admin.token / STRATA_ADMIN_TOKEN), as the server reads it.");
            }
            // Comparing a million memories takes the server a while: allow it.
            servers.forEach(url -> checks.add(new IndexDurableCheck(new ServerApi(url, token, Duration.ofMinutes(30)))));
        }
        return checks;
    }
}
