package dev.strata.service.tenant;

import java.time.Instant;

/** A tenant; {@code rateLimitPerSecond} is null when the server-wide default applies. */
public record Tenant(String id, String name, Integer rateLimitPerSecond, Instant createdAt) { }
