package dev.strata.service.admin.transfer;

import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.Progress;
import dev.strata.service.admin.StoreContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin export}: writes live durable items (a tenant, one namespace of it, or everything) to a
 * directory holding {@code items.jsonl.gz} and {@code manifest.json}. Rows are streamed from one
 * consistent snapshot with a cursor, so memory stays constant for any size.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export items as gzip JSON Lines with a manifest and checksums (backup, or moving to another deployment).")
public class ExportCommand implements Callable<Integer> {

    static class Scope {
        @Option(names = "--tenant", paramLabel = "id", required = true, description = "Export this tenant only.")
        String tenant;
        @Option(names = "--all", required = true, description = "Export every tenant.")
        boolean all;
    }

    @Mixin
    ContextOptions context;

    @ArgGroup(multiplicity = "1")
    Scope scope;

    @Option(names = "--namespace", paramLabel = "name", description = "Only this namespace (with --tenant).")
    String namespace;

    @Option(names = {"-o", "--output"}, paramLabel = "dir", required = true, description = "Directory to create (must not exist or be empty).")
    Path output;

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @Option(names = "--json", description = "Print the manifest as JSON when done.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (namespace != null && scope.tenant == null) {
            throw new AdminFailure(ExitCode.USAGE, "--namespace needs --tenant.");
        }
        prepareOutput();
        try (StoreContext stores = StoreContext.open(context); Connection connection = stores.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            // One snapshot for the count, the tenants and the items.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            List<Manifest.TenantEntry> tenants = tenants(connection);
            if (scope.tenant != null && tenants.isEmpty()) {
                throw new AdminFailure(ExitCode.BAD_INPUT, "No tenant " + scope.tenant + ".");
            }
            long now = System.currentTimeMillis();
            long total = count(connection, now);
            Path itemsFile = output.resolve(Manifest.ITEMS_FILE);
            MessageDigest sha256 = sha256();
            long written = 0;
            long bytes = 0;
            try (OutputStream file = Files.newOutputStream(itemsFile);
                 DigestOutputStream digest = new DigestOutputStream(file, sha256);
                 GZIPOutputStream gzip = new GZIPOutputStream(digest, 1 << 16);
                 BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
                 Progress progress = Progress.start("export", total, !noProgress);
                 PreparedStatement statement = connection.prepareStatement(itemsQuery())) {
                statement.setFetchSize(1000);
                int p = bindScope(statement, 1);
                statement.setTimestamp(p, new Timestamp(now));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        byte[] value = rows.getBytes(4);
                        Timestamp expiresAt = rows.getTimestamp(6);
                        ExportRecord record = ExportRecord.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(5),
                                expiresAt == null ? 0 : expiresAt.getTime(), value);
                        writer.write(ExportRecord.WRITER.writeValueAsString(record));
                        writer.write('\n');
                        written++;
                        bytes += value.length;
                        progress.stepBy(1);
                    }
                }
            }
            connection.commit();
            Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, Instant.ofEpochMilli(now),
                    scope.all ? "all" : "tenant", namespace, tenants, Manifest.ITEMS_FILE, written, bytes,
                    HexFormat.of().formatHex(sha256.digest()));
            Files.writeString(output.resolve(Manifest.FILE_NAME), Output.mapper().writeValueAsString(manifest));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, manifest);
            } else {
                out.printf("Exported %d item(s), %d value bytes, of %d tenant(s) to %s%n", written, bytes, tenants.size(), output);
                out.printf("  %s  sha256 %s%n  %s%n", Manifest.ITEMS_FILE, manifest.sha256(), Manifest.FILE_NAME);
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }

    private void prepareOutput() throws IOException {
        if (Files.exists(output)) {
            try (var entries = Files.list(output)) {
                if (!Files.isDirectory(output) || entries.findAny().isPresent()) {
                    throw new AdminFailure(ExitCode.REFUSED, output + " exists and is not an empty directory; choose a new one.");
                }
            }
        }
        Files.createDirectories(output);
    }

    private String itemsQuery() {
        return "SELECT tenant_id, namespace, item_key, value, version, expires_at FROM kv_items WHERE " + scopeClause()
                + " AND (expires_at IS NULL OR expires_at > ?) ORDER BY tenant_id, namespace, item_key";
    }

    private String scopeClause() {
        if (scope.all) {
            return "TRUE";
        }
        return namespace == null ? "tenant_id = ?" : "tenant_id = ? AND namespace = ?";
    }

    private int bindScope(PreparedStatement statement, int index) throws SQLException {
        if (scope.all) {
            return index;
        }
        statement.setString(index++, scope.tenant);
        if (namespace != null) {
            statement.setString(index++, namespace);
        }
        return index;
    }

    private long count(Connection connection, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM kv_items WHERE " + scopeClause()
                + " AND (expires_at IS NULL OR expires_at > ?)")) {
            int p = bindScope(statement, 1);
            statement.setTimestamp(p, new Timestamp(now));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<Manifest.TenantEntry> tenants(Connection connection) throws SQLException {
        List<Manifest.TenantEntry> tenants = new ArrayList<>();
        String sql = "SELECT id, name, rate_limit_per_second FROM tenants" + (scope.all ? "" : " WHERE id = ?") + " ORDER BY id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (!scope.all) {
                statement.setString(1, scope.tenant);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // Read the nullable column last-but-checked: wasNull() refers to the most recent get.
                    int limit = rows.getInt(3);
                    Integer rateLimit = rows.wasNull() ? null : limit;
                    tenants.add(new Manifest.TenantEntry(rows.getString(1), rows.getString(2), rateLimit));
                }
            }
        }
        return tenants;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
