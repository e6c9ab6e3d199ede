package dev.strata.service.support;

import java.util.Map;

/**
 * One server with all three tiers, shared by the API test classes of a test run (starting a
 * server costs seconds; tests isolate themselves with fresh tenants).
 */
public final class SharedServer {

    private static TestServer server;

    private SharedServer() {
    }

    public static synchronized TestServer get() {
        if (server == null) {
            server = TestServer.withRedis(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }
}
