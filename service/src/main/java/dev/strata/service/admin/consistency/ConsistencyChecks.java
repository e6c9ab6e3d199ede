package dev.strata.service.admin.consistency;

import dev.strata.service.admin.StoreContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of consistency checks, explicit rather than scanned: each check is listed here with
 * the condition under which it applies to a deployment.
 */
final class ConsistencyChecks {

    private ConsistencyChecks() {
    }

    static List<ConsistencyCheck> applicable(StoreContext stores) {
        List<ConsistencyCheck> checks = new ArrayList<>();
        stores.warm().ifPresent(warm -> checks.add(new WarmDurableCheck(warm, stores.dataSource(), System::currentTimeMillis)));
        // The semantic index's check (durable memories vs their vector index) registers here once that branch lands.
        return checks;
    }
}
