package dev.strata.service.memory.session;

import java.time.Instant;

/** A conversation of one user within a tenant. */
public record Session(String tenantId, String sessionId, String userId, String summary, int summaryTokens,
                      Instant createdAt, Instant lastActiveAt, Instant expiresAt) { }
