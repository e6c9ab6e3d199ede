package dev.strata.service.admin.consistency;

import java.util.function.Consumer;

/**
 * A comparison between the source of truth (PostgreSQL) and a derived copy of it: the warm tier
 * ({@link WarmDurableCheck}) and each server's semantic index ({@link IndexDurableCheck}), listed in
 * {@link ConsistencyChecks}.
 * With {@code repair} the derived copy is made to match the durable tier, which always wins.
 */
public interface ConsistencyCheck {

    /** Short name used in output and --check. */
    String name();

    /**
     * Compares one tenant (or all, when {@code tenant} is null), streaming, and hands each difference to
     * {@code sink}; reports items compared so far to {@code progress}; returns how many items were compared.
     */
    long run(String tenant, boolean repair, java.util.function.LongConsumer progress, Consumer<Drift> sink) throws Exception;

    /** About how many items {@link #run} will report to its progress, for an ETA; -1 when unknown. */
    default long expectedItems(String tenant) throws Exception {
        return -1;
    }
}
