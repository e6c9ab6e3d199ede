-- Erasures announced to every instance, so each drops its in-process copies at once: cached session
-- windows, and the erased memories' text and vectors in its index files (which a delete only marks
-- until the segment is rewritten). A user erasure writes one row in its own transaction; a tenant
-- deletion writes one through the trigger below. Nothing here names the erased user: sessions are
-- identified by the SHA-256 of their id, which is all an instance needs to find its cached copy.
-- Pruned after an hour.
CREATE TABLE memory_erasure_notices (
    seq            BIGSERIAL PRIMARY KEY,
    origin         TEXT        NOT NULL,
    tenant_id      TEXT        NOT NULL,
    whole_tenant   BOOLEAN     NOT NULL DEFAULT false,
    session_hashes TEXT[]      NOT NULL DEFAULT '{}',
    at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX memory_erasure_notices_at ON memory_erasure_notices (at);

CREATE FUNCTION tenant_erased() RETURNS trigger AS $$
BEGIN
    INSERT INTO memory_erasure_notices (origin, tenant_id, whole_tenant) VALUES ('tenant-deletion', OLD.id, true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tenants_erased AFTER DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenant_erased();
