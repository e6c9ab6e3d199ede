package dev.strata.service.memory.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A stored message of a session. {@code folded} ones live on only in the session's summary view. */
public record SessionMessage(long seq, String role, String content, JsonNode metadata, int tokens, boolean folded, Instant createdAt) { }
