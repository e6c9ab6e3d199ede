-- Per-tenant switches for gradual rollout. A missing row means the default from strata.features.defaults.*;
-- versions V2-V5 are reserved for the semantic-memory schema.
CREATE TABLE tenant_feature_flags (
    tenant_id  TEXT        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    feature    TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, feature)
);
