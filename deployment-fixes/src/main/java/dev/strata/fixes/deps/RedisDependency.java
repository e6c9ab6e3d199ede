package dev.strata.fixes.deps;

import java.net.URI;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Redis (the warm tier) through Jedis: connect with the URL's credentials and PING. */
public final class RedisDependency implements Dependency {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String urlVariable() {
        return "STRATA_WARM_URL";
    }

    @Override
    public boolean isRequired() {
        return false;
    }

    @Override
    public int defaultPort() {
        return 6379;
    }

    @Override
    public String component() {
        return "redis";
    }

    @Override
    public String processHint() {
        return "redis";
    }

    @Override
    public ProbeResult probe(String url, Map<String, String> env, int timeoutSeconds) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            return new ProbeResult(ProbeResult.Outcome.BAD_URL, "not a redis:// or rediss:// URL");
        }
        try (Jedis jedis = new Jedis(URI.create(url), timeoutSeconds * 1000)) {
            String pong = jedis.ping();
            return ProbeResult.ok("PING answered " + pong);
        } catch (JedisAccessControlException e) {
            return new ProbeResult(ProbeResult.Outcome.AUTH_FAILED, "authentication failed");
        } catch (JedisConnectionException e) {
            ProbeResult network = ProbeResult.fromConnectFailure(e);
            return network != null ? network
                    : new ProbeResult(ProbeResult.Outcome.WRONG_PROTOCOL, "the server at this address does not speak Redis");
        } catch (JedisDataException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("NOAUTH") || message.contains("WRONGPASS")) {
                return new ProbeResult(ProbeResult.Outcome.AUTH_FAILED, "authentication failed");
            }
            return new ProbeResult(ProbeResult.Outcome.WRONG_PROTOCOL, "unexpected reply: the server does not behave like Redis");
        } catch (IllegalArgumentException e) {
            return new ProbeResult(ProbeResult.Outcome.BAD_URL, "the URL does not parse");
        }
    }
}
