package dev.strata.fixes.deps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** PostgreSQL through the JDBC driver the server itself uses: the probe sees what the server sees. */
public final class PostgresDependency implements Dependency {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String urlVariable() {
        return "STRATA_DURABLE_URL";
    }

    @Override
    public boolean isRequired() {
        return true;
    }

    @Override
    public int defaultPort() {
        return 5432;
    }

    @Override
    public String component() {
        return "db";
    }

    @Override
    public String processHint() {
        return "postgres";
    }

    @Override
    public ProbeResult probe(String url, Map<String, String> env, int timeoutSeconds) {
        if (!url.startsWith("jdbc:postgresql://")) {
            return new ProbeResult(ProbeResult.Outcome.BAD_URL, "not a jdbc:postgresql:// URL");
        }
        Properties props = new Properties();
        props.setProperty("user", env.getOrDefault("STRATA_DURABLE_USERNAME", ""));
        props.setProperty("password", env.getOrDefault("STRATA_DURABLE_PASSWORD", ""));
        props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        try (Connection connection = new org.postgresql.Driver().connect(url, props)) {
            if (connection == null) {
                return new ProbeResult(ProbeResult.Outcome.BAD_URL, "the PostgreSQL driver does not accept this URL");
            }
            connection.createStatement().execute("SELECT 1");
            return ProbeResult.ok("SELECT 1 succeeded");
        } catch (SQLException e) {
            ProbeResult network = ProbeResult.fromConnectFailure(e);
            if (network != null) {
                return network;
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            return switch (state) {
                case "3D000" -> new ProbeResult(ProbeResult.Outcome.WRONG_DATABASE, "database does not exist (SQLSTATE 3D000)");
                case "28P01", "28000" -> new ProbeResult(ProbeResult.Outcome.AUTH_FAILED, "authentication failed (SQLSTATE " + state + ")");
                default -> new ProbeResult(ProbeResult.Outcome.WRONG_PROTOCOL,
                        "the server at this address did not complete a PostgreSQL handshake (SQLSTATE " + state + ")");
            };
        }
    }
}
