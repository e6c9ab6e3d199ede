package dev.strata.service.admin.consistency;

import dev.strata.service.kv.ItemKey;

/**
 * One difference a check found.
 *
 * @param check the check's name (e.g. {@code warm-vs-durable})
 * @param kind what differs; checks define their own kinds (the warm check uses {@link WarmDurableCheck.Kind})
 * @param detail both sides, for the operator; never a value's content
 * @param repaired whether --repair fixed it
 */
public record Drift(String check, String kind, ItemKey key, String detail, boolean repaired) {
}
