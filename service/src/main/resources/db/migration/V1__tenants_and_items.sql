-- Tenants own API keys and items; deleting a tenant removes everything it owns.
CREATE TABLE tenants (
    id                    TEXT PRIMARY KEY,
    name                  TEXT        NOT NULL,
    rate_limit_per_second INTEGER,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a key is stored; the key itself is shown once, at issue time.
CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       TEXT        NOT NULL,
    key_hash   BYTEA       NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

-- The durable tier. COLLATE "C" keeps key order bytewise, so prefix listing and cursors are stable.
CREATE TABLE kv_items (
    tenant_id  TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    namespace  TEXT COLLATE "C" NOT NULL,
    item_key   TEXT COLLATE "C" NOT NULL,
    value      BYTEA       NOT NULL,
    version    BIGINT      NOT NULL,
    expires_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, namespace, item_key)
);
CREATE INDEX kv_items_expiry ON kv_items (expires_at) WHERE expires_at IS NOT NULL;
