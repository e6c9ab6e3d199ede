-- An API key may be issued with an end of validity (key rotation, short-lived keys for scripts);
-- NULL keeps the key valid until it is revoked.
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMPTZ;
