package dev.strata.service.admin.transfer;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.ProgressOutput;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.Progress;
import dev.strata.service.admin.StoreContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin export}: writes live durable items (a tenant, one namespace of it, or everything) to a
 * directory holding {@code items.jsonl.gz} and {@code manifest.json}; for a whole tenant or everything
 * also the semantic memory ({@code memory.jsonl.gz}, see {@link MemoryExport}). Rows are streamed from
 * one consistent snapshot with a cursor, so memory stays constant for any size.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export items and semantic memory as gzip JSON Lines with a manifest and checksums (backup, or moving to another deployment).",
            "A whole tenant (--tenant without --namespace) or --all also exports its semantic memory: memories (with embeddings, "
                    + "not re-computed on import), their history, sessions and messages, the entity graph and feature flags. "
                    + "API keys and key roles are not exported."})
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

    @Option(names = "--namespace", paramLabel = "name", description = "Only this namespace (with --tenant); items only: semantic memory is not per namespace and is not exported.")
    String namespace;

    @Option(names = {"-o", "--output"}, paramLabel = "dir", required = true, description = "Directory to create (must not exist or be empty).")
    Path output;

    @Mixin
    JsonOutput jsonOutput;

    @Mixin
    ProgressOutput progressOutput;

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
            long written = 0;
            long bytes = 0;
            JsonLinesFile.Writer items = new JsonLinesFile.Writer(output.resolve(Manifest.ITEMS_FILE));
            try (items;
                 Progress progress = Progress.start("export", total, progressOutput.wanted());
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
                        items.writeLine(ExportRecord.WRITER.writeValueAsString(record));
                        written++;
                        bytes += value.length;
                        progress.stepBy(1);
                    }
                }
            }
            MemoryExport.Written memory = namespace == null ? exportMemory(connection) : null;
            connection.commit();
            Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, Instant.ofEpochMilli(now),
                    scope.all ? "all" : "tenant", namespace, tenants, Manifest.ITEMS_FILE, written, bytes, items.sha256(),
                    memory == null ? null : Manifest.MEMORY_FILE, memory == null ? null : memory.rows(),
                    memory == null ? null : memory.sha256());
            Files.writeString(output.resolve(Manifest.FILE_NAME), Output.mapper().writeValueAsString(manifest));
            PrintWriter out = spec.commandLine().getOut();
            if (jsonOutput.requested()) {
                Output.json(out, manifest);
            } else {
                out.printf("Exported %d item(s), %d value bytes, of %d tenant(s) to %s%n", written, bytes, tenants.size(), output);
                if (memory != null) {
                    out.printf("Exported %d semantic-memory row(s): %s%n", memory.total(), MemoryTable.summary(memory.rows()));
                } else {
                    out.printf("Semantic memory not exported (a --namespace export holds items only)%n");
                }
                out.printf("  %s  sha256 %s%n", Manifest.ITEMS_FILE, manifest.sha256());
                if (memory != null) {
                    out.printf("  %s  sha256 %s%n", Manifest.MEMORY_FILE, memory.sha256());
                }
                out.printf("  %s%n", Manifest.FILE_NAME);
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

    /** The semantic-memory tables of the exported tenants, from the same snapshot as the items. */
    private MemoryExport.Written exportMemory(Connection connection) throws IOException, SQLException {
        MemoryExport export = new MemoryExport(connection, scope.all ? null : scope.tenant);
        java.util.Map<MemoryTable, Long> counts = export.count();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        try (Progress progress = Progress.start("export memory", total, " rows", progressOutput.wanted())) {
            return export.write(output.resolve(Manifest.MEMORY_FILE), counts, progress);
        }
    }
}
