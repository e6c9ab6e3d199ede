package dev.strata.fixes.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import java.util.Properties;
import redis.clients.jedis.Jedis;

/**
 * A stand-in for the memory server in integration tests: a separate JVM that reads the same
 * environment variables, really connects to PostgreSQL and Redis, and answers the same actuator
 * health endpoints with the same JSON shape.
 */
public final class TinyBackend {

    private TinyBackend() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("SERVER_PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 32);
        server.createContext("/actuator/health/liveness", ex -> respond(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/actuator/health", TinyBackend::readiness);
        server.createContext("/v1", ex -> respond(ex, 200, "{\"service\":\"strata\"}"));
        server.start();
    }

    private static void readiness(HttpExchange exchange) throws IOException {
        Map<String, String> env = System.getenv();
        String db = postgresUp(env) ? "UP" : "DOWN";
        String redis = env.getOrDefault("STRATA_WARM_URL", "").isEmpty() ? null : redisUp(env) ? "UP" : "DOWN";
        boolean up = db.equals("UP") && (redis == null || redis.equals("UP"));
        String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"components\":{\"db\":{\"status\":\"" + db + "\"}"
                + (redis == null ? "" : ",\"redis\":{\"status\":\"" + redis + "\"}") + "}}";
        respond(exchange, up ? 200 : 503, body);
    }

    private static boolean postgresUp(Map<String, String> env) {
        Properties props = new Properties();
        props.setProperty("user", env.getOrDefault("STRATA_DURABLE_USERNAME", ""));
        props.setProperty("password", env.getOrDefault("STRATA_DURABLE_PASSWORD", ""));
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "2");
        try (Connection c = new org.postgresql.Driver().connect(env.getOrDefault("STRATA_DURABLE_URL", ""), props)) {
            return c != null && c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean redisUp(Map<String, String> env) {
        try (Jedis jedis = new Jedis(URI.create(env.get("STRATA_WARM_URL")), 2000)) {
            return "PONG".equals(jedis.ping());
        } catch (Exception e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
