package dev.strata.service.flags;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Explicit per-tenant switches in PostgreSQL (table tenant_feature_flags, migration V6). */
public class FeatureFlagRepository {

    private final JdbcTemplate jdbc;

    public FeatureFlagRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's explicit switches; features without a row are absent. */
    public Map<Feature, Boolean> overrides(String tenantId) {
        Map<Feature, Boolean> flags = new EnumMap<>(Feature.class);
        jdbc.query("SELECT feature, enabled FROM tenant_feature_flags WHERE tenant_id = ?", rs -> {
            // A name this jar does not know (written by a newer version) is ignored rather than failing reads.
            Feature.byName(rs.getString(1)).ifPresent(f -> {
                try {
                    flags.put(f, rs.getBoolean(2));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }, tenantId);
        return flags;
    }

    public boolean tenantExists(String tenantId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = ?)", Boolean.class, tenantId));
    }

    public void set(String tenantId, Feature feature, boolean enabled) {
        jdbc.update("""
                INSERT INTO tenant_feature_flags (tenant_id, feature, enabled) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, feature) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()""",
                tenantId, feature.flagName(), enabled);
    }

    /** Forgets the explicit switch, so the default applies again. */
    public void reset(String tenantId, Feature feature) {
        jdbc.update("DELETE FROM tenant_feature_flags WHERE tenant_id = ? AND feature = ?", tenantId, feature.flagName());
    }
}
