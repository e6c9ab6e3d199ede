-- The role of an API key for semantic memory (e.g. client, admin): it selects the key's session
-- token budget (strata.memory.role-window-tokens.<role>). Keys without a row have the role 'client'.
CREATE TABLE memory_key_roles (
    key_id    TEXT PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    role      TEXT NOT NULL
);
