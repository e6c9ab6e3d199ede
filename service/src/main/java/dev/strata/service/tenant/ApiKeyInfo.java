package dev.strata.service.tenant;

import java.time.Instant;

/** An API key's metadata; the key itself is never stored and never listed. */
public record ApiKeyInfo(String id, String tenantId, String name, Instant createdAt, Instant revokedAt, Instant expiresAt) { }
