package dev.strata.service.admin.consistency;

import dev.strata.service.kv.ItemKey;
import dev.strata.service.kv.StoredItem;
import dev.strata.service.tier.warm.WarmItems;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Redis against PostgreSQL: every cached durable item must have the durable value, version and expiry,
 * and must not outlive its durable row (an orphan). Walks Redis page by page and looks each page up
 * in PostgreSQL with one query. Ephemeral items (Redis-only by design) and tombstones are skipped.
 * A difference is confirmed by a second read before it is reported, so a write racing the check is
 * not mistaken for drift.
 */
final class WarmDurableCheck implements ConsistencyCheck {

    /** What differs between the warm copy and the durable row. */
    enum Kind { VALUE, VERSION, TTL, ORPHAN }

    private static final String LOOKUP = """
            SELECT u.t, u.n, u.k, i.value, i.version, i.expires_at
              FROM unnest(?::text[], ?::text[], ?::text[]) AS u(t, n, k)
              JOIN kv_items i ON i.tenant_id = u.t AND i.namespace = u.n AND i.item_key = u.k""";

    private final WarmItems warm;
    private final DataSource dataSource;
    private final LongSupplier clockMs;

    WarmDurableCheck(WarmItems warm, DataSource dataSource, LongSupplier clockMs) {
        this.warm = warm;
        this.dataSource = dataSource;
        this.clockMs = clockMs;
    }

    @Override
    public String name() {
        return "warm-vs-durable";
    }

    @Override
    public long run(String tenant, boolean repair, java.util.function.LongConsumer progress, Consumer<Drift> sink) throws Exception {
        long[] compared = {0};
        RuntimeException[] failure = {null};
        warm.forEachPage(tenant, keys -> {
            if (failure[0] != null) {
                return;
            }
            try {
                long checked = checkPage(keys, repair, sink);
                compared[0] += checked;
                progress.accept(checked);
            } catch (SQLException e) {
                failure[0] = new IllegalStateException("PostgreSQL lookup failed: " + e.getMessage(), e);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return compared[0];
    }

    /** The tenant's live durable items (what Redis can hold of it), or every key in Redis: an estimate for the progress bar. */
    @Override
    public long expectedItems(String tenant) throws SQLException {
        if (tenant == null) {
            return warm.keyCount();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM kv_items WHERE tenant_id = ? AND (expires_at IS NULL OR expires_at > ?)")) {
            statement.setString(1, tenant);
            statement.setTimestamp(2, new Timestamp(clockMs.getAsLong()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long checkPage(List<byte[]> keys, boolean repair, Consumer<Drift> sink) throws SQLException {
        List<WarmItems.Entry> entries = cachedItems(warm.read(keys));
        Map<ItemKey, StoredItem> durable = lookup(entries);
        List<WarmItems.Entry> suspects = entries.stream().filter(e -> difference(e, durable.get(e.key())) != null).toList();
        if (suspects.isEmpty()) {
            return entries.size();
        }
        // Confirm with fresh reads of both sides: a concurrent write moves both, drift stays.
        List<WarmItems.Entry> again = cachedItems(warm.read(suspects.stream().map(e -> redisKey(e.key())).toList()));
        Map<ItemKey, StoredItem> durableAgain = lookup(again);
        for (WarmItems.Entry entry : again) {
            StoredItem row = durableAgain.get(entry.key());
            Kind kind = difference(entry, row);
            if (kind == null) {
                continue;
            }
            if (repair) {
                if (kind == Kind.ORPHAN) {
                    warm.delete(List.of(entry.key()));
                } else {
                    warm.overwrite(entry.key(), row);
                }
            }
            sink.accept(new Drift(name(), kind.name(), entry.key(), describe(kind, entry, row), repair));
        }
        return entries.size();
    }

    /** Live, durable-backed entries only. */
    private List<WarmItems.Entry> cachedItems(List<WarmItems.Entry> entries) {
        long now = clockMs.getAsLong();
        return entries.stream().filter(e -> !e.tombstone() && !e.ephemeral() && e.value() != null)
                .filter(e -> e.expiresAtMs() == 0 || e.expiresAtMs() > now).toList();
    }

    private Kind difference(WarmItems.Entry entry, StoredItem row) {
        if (row == null || row.isExpiredAt(clockMs.getAsLong())) {
            return Kind.ORPHAN;
        }
        if (entry.version() != row.version()) {
            return Kind.VERSION;
        }
        if (!Arrays.equals(entry.value(), row.value())) {
            return Kind.VALUE;
        }
        // The hash's exp must be the durable expiry; an item with an expiry must also carry a Redis TTL.
        if (entry.expiresAtMs() != row.expiresAtMs() || (row.expiresAtMs() != 0 && entry.pttlMs() < 0)) {
            return Kind.TTL;
        }
        return null;
    }

    private static String describe(Kind kind, WarmItems.Entry entry, StoredItem row) {
        return switch (kind) {
            case ORPHAN -> "in Redis (version " + entry.version() + ") but not in PostgreSQL";
            case VERSION -> "Redis version " + entry.version() + ", PostgreSQL version " + row.version();
            case VALUE -> "same version " + row.version() + ", different value (" + entry.value().length + " vs "
                    + row.value().length + " bytes)";
            case TTL -> "Redis expiry " + expiry(entry.expiresAtMs()) + (entry.pttlMs() < 0 ? " (no Redis TTL)" : "")
                    + ", PostgreSQL expiry " + expiry(row.expiresAtMs());
        };
    }

    private static String expiry(long ms) {
        return ms == 0 ? "none" : java.time.Instant.ofEpochMilli(ms).toString();
    }

    private Map<ItemKey, StoredItem> lookup(List<WarmItems.Entry> entries) throws SQLException {
        Map<ItemKey, StoredItem> rows = new HashMap<>();
        if (entries.isEmpty()) {
            return rows;
        }
        int n = entries.size();
        String[] tenants = new String[n];
        String[] namespaces = new String[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            ItemKey key = entries.get(i).key();
            tenants[i] = key.tenant();
            namespaces[i] = key.namespace();
            keys[i] = key.key();
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(LOOKUP)) {
            statement.setArray(1, connection.createArrayOf("text", tenants));
            statement.setArray(2, connection.createArrayOf("text", namespaces));
            statement.setArray(3, connection.createArrayOf("text", keys));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Timestamp expiresAt = result.getTimestamp(6);
                    rows.put(new ItemKey(result.getString(1), result.getString(2), result.getString(3)),
                            new StoredItem(result.getBytes(4), result.getLong(5), expiresAt == null ? 0 : expiresAt.getTime(), false));
                }
            }
        }
        return rows;
    }

    private static byte[] redisKey(ItemKey key) {
        return WarmItems.keyOf(key);
    }
}
