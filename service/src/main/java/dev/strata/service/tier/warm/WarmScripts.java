package dev.strata.service.tier.warm;

import java.nio.charset.StandardCharsets;

/**
 * Lua scripts that make each warm write atomic in Redis (one key each, so they also work in Redis
 * Cluster). An item is a hash: {@code v} value, {@code ver} version, {@code exp} expiry (epoch ms,
 * 0 = none), {@code eph} 1 for ephemeral items; a deletion is a short-lived hash with {@code tomb}.
 * Versions are microsecond timestamps (below 2^53, so exact as Lua numbers).
 */
final class WarmScripts {

    /** KEYS[1]; ARGV: value, version, expiresAtMs, capAtMs (0 = none). Returns 1 if stored, 0 if a newer version is there. */
    static final byte[] STORE_IF_NEWER = bytes("""
            local cur = redis.call('HGET', KEYS[1], 'ver')
            if cur and tonumber(cur) >= tonumber(ARGV[2]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'ver', ARGV[2], 'exp', ARGV[3], 'eph', '0')
            local exp = tonumber(ARGV[3])
            local cap = tonumber(ARGV[4])
            if cap > 0 and (exp == 0 or exp > cap) then exp = cap end
            if exp > 0 then redis.call('PEXPIREAT', KEYS[1], exp) end
            return 1""");

    /** KEYS[1]; ARGV: version, tombstoneTtlMs. */
    static final byte[] TOMBSTONE = bytes("""
            local cur = redis.call('HGET', KEYS[1], 'ver')
            if cur and tonumber(cur) >= tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'tomb', '1', 'ver', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""");

    /**
     * KEYS[1]; ARGV: value, proposedVersion, expiresAtMs, nowMs, condition ('' none, '*' exists,
     * '!' absent, or a version). Returns the stored version, or -1 when the condition failed.
     */
    static final byte[] PUT_EPHEMERAL = bytes("""
            local h = redis.call('HMGET', KEYS[1], 'ver', 'exp', 'tomb')
            local live = h[1] and not h[3] and (tonumber(h[2]) == 0 or tonumber(h[2]) > tonumber(ARGV[4]))
            local cond = ARGV[5]
            if cond == '*' and not live then return -1 end
            if cond == '!' and live then return -1 end
            if cond ~= '' and cond ~= '*' and cond ~= '!' and (not live or h[1] ~= cond) then return -1 end
            local ver = tonumber(ARGV[2])
            if h[1] and tonumber(h[1]) >= ver then ver = tonumber(h[1]) + 1 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'ver', string.format('%.0f', ver), 'exp', ARGV[3], 'eph', '1')
            if tonumber(ARGV[3]) > 0 then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
            return ver""");

    /**
     * KEYS[1]; ARGV: proposedVersion, nowMs, condition ('' or a version), tombstoneTtlMs.
     * Returns the deletion's version, 0 when absent, -1 when the condition failed.
     */
    static final byte[] DELETE_EPHEMERAL = bytes("""
            local h = redis.call('HMGET', KEYS[1], 'ver', 'exp', 'tomb')
            local live = h[1] and not h[3] and (tonumber(h[2]) == 0 or tonumber(h[2]) > tonumber(ARGV[2]))
            local cond = ARGV[3]
            if not live then
              if cond ~= '' then return -1 end
              return 0
            end
            if cond ~= '' and cond ~= '*' and h[1] ~= cond then return -1 end
            local ver = tonumber(ARGV[1])
            if tonumber(h[1]) >= ver then ver = tonumber(h[1]) + 1 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'tomb', '1', 'ver', string.format('%.0f', ver))
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return ver""");

    private WarmScripts() {
    }

    private static byte[] bytes(String script) {
        return script.getBytes(StandardCharsets.UTF_8);
    }
}
