package dev.strata.service.admin;

import dev.strata.service.support.EmbeddedStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs an admin command in this JVM, as {@code java -jar … admin …} would, capturing output and exit code. */
public record AdminRun(int exitCode, String out, String err) {

    /** Runs against the given PostgreSQL database of the shared embedded server (and Redis when {@code withRedis}). */
    public static AdminRun run(String database, boolean withRedis, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-Dstrata.durable.url=" + databaseUrl(database));
        all.add("-Dstrata.durable.username=postgres");
        if (withRedis) {
            all.add("-Dstrata.warm.url=" + EmbeddedStores.redisUrl());
        }
        return raw(all.toArray(String[]::new));
    }

    public static AdminRun raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new AdminRun(code, out.toString(), err.toString());
    }

    /** JDBC URL of a database on the shared embedded PostgreSQL ("postgres" is the one the tests' servers use). */
    public static String databaseUrl(String database) {
        return EmbeddedStores.postgresUrl().replace("/postgres?", "/" + database + "?");
    }

    /** Creates a fresh, empty database on the shared PostgreSQL and returns its name. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        EmbeddedStores.update("CREATE DATABASE " + name);
        return name;
    }

    /** stdout parsed as JSON (for runs with --json). */
    public com.fasterxml.jackson.databind.JsonNode json() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + this, e);
        }
    }

    /** The first column of the first row of {@code sql} on a database of the shared PostgreSQL, as text. */
    public static String query(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl(database), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Runs a statement on a database of the shared PostgreSQL. */
    public static void update(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl(database), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
