-- Long-term semantic memories. PostgreSQL is the source of truth; the in-process Lucene index is
-- rebuilt from this table at start-up and follows it through memory_changes.
CREATE TABLE memories (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id       TEXT        NOT NULL,
    session_id    TEXT,
    text          TEXT        NOT NULL,
    -- SHA-256 of the normalized text: exact duplicates of one user's memory merge on this key.
    text_hash     BYTEA       NOT NULL,
    topics        TEXT[]      NOT NULL DEFAULT '{}',
    entities      TEXT[]      NOT NULL DEFAULT '{}',
    importance    REAL        NOT NULL DEFAULT 0.5,
    metadata      JSONB       NOT NULL DEFAULT '{}',
    -- Unit-length float32 vector, little-endian (dimensions fixed by the embedding model).
    embedding     BYTEA       NOT NULL,
    duplicate_of  TEXT,
    merged_count  INTEGER     NOT NULL DEFAULT 1,
    version       BIGINT      NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX memories_exact ON memories (tenant_id, user_id, text_hash);
CREATE INDEX memories_user ON memories (tenant_id, user_id, created_at);

-- Every change of a memory, newest last; erased with the memory.
CREATE TABLE memory_history (
    memory_id  TEXT        NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
    version    BIGINT      NOT NULL,
    event      TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    topics     TEXT[]      NOT NULL DEFAULT '{}',
    metadata   JSONB       NOT NULL DEFAULT '{}',
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX memory_history_memory ON memory_history (memory_id, at);

-- The change feed the index follows. A trigger writes it, so every path that changes memories
-- (API, user erasure, tenant deletion by cascade) reaches every instance's index. It holds ids
-- only, never text or user ids, and is pruned after an hour. Followers poll it (NOTIFY would take
-- a database-wide lock at every commit). Sequence numbers can commit out of
-- order; the follower re-reads gaps for a while instead of trusting a high-water mark.
CREATE TABLE memory_changes (
    seq       BIGSERIAL PRIMARY KEY,
    memory_id TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION memory_changed() RETURNS trigger AS $$
BEGIN
    INSERT INTO memory_changes (memory_id) VALUES (COALESCE(NEW.id, OLD.id));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER memories_changed AFTER INSERT OR UPDATE OR DELETE ON memories
    FOR EACH ROW EXECUTE FUNCTION memory_changed();

-- Working memory: a conversation of one user, with a running summary of folded messages.
CREATE TABLE memory_sessions (
    tenant_id      TEXT        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    session_id     TEXT        NOT NULL,
    user_id        TEXT        NOT NULL,
    summary        TEXT        NOT NULL DEFAULT '',
    summary_tokens INTEGER     NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_active_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX memory_sessions_expiry ON memory_sessions (expires_at);
CREATE INDEX memory_sessions_user ON memory_sessions (tenant_id, user_id);

CREATE TABLE memory_session_messages (
    tenant_id  TEXT        NOT NULL,
    session_id TEXT        NOT NULL,
    seq        BIGSERIAL,
    role       TEXT        NOT NULL,
    content    TEXT        NOT NULL,
    metadata   JSONB       NOT NULL DEFAULT '{}',
    tokens     INTEGER     NOT NULL,
    folded     BOOLEAN     NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, session_id, seq),
    FOREIGN KEY (tenant_id, session_id) REFERENCES memory_sessions (tenant_id, session_id) ON DELETE CASCADE
);

-- A small knowledge graph per user: entities and typed relations between them.
CREATE TABLE memory_entities (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    description TEXT        NOT NULL DEFAULT '',
    attributes  JSONB       NOT NULL DEFAULT '{}',
    embedding   BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX memory_entities_name ON memory_entities (tenant_id, user_id, type, lower(name));

CREATE TABLE memory_relations (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    TEXT        NOT NULL,
    source_id  TEXT        NOT NULL REFERENCES memory_entities (id) ON DELETE CASCADE,
    relation   TEXT        NOT NULL,
    target_id  TEXT        NOT NULL REFERENCES memory_entities (id) ON DELETE CASCADE,
    attributes JSONB       NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX memory_relations_edge ON memory_relations (source_id, relation, target_id);
CREATE INDEX memory_relations_user ON memory_relations (tenant_id, user_id);
