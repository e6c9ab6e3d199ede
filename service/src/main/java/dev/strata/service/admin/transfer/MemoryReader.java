package dev.strata.service.admin.transfer;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Streams the semantic-memory file of an export, checking each line ({@link MemoryLine#parse}), that
 * tables come in parent-before-child order, that every tenant is one the manifest lists, and the
 * whole file (rows per table, sha256) against the manifest. Failures name the file and the line.
 */
final class MemoryReader {

    @FunctionalInterface
    interface LineSink {
        void accept(long line, MemoryLine record) throws Exception;
    }

    private final Path dir;
    private final Manifest manifest;

    MemoryReader(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    void read(LineSink sink) throws Exception {
        Path file = dir.resolve(manifest.memoryFile());
        Set<String> tenants = manifest.tenants().stream().map(Manifest.TenantEntry::id).collect(Collectors.toSet());
        Map<MemoryTable, Long> counts = new EnumMap<>(MemoryTable.class);
        MemoryTable[] previous = {MemoryTable.values()[0]};
        JsonLinesFile.Read read = JsonLinesFile.read(dir, manifest.memoryFile(), (line, text) -> {
            MemoryLine record = MemoryLine.parse(file, line, text);
            MemoryTable table = record.table();
            if (table.ordinal() < previous[0].ordinal()) {
                throw JsonLinesFile.bad(file, "line " + line + ": a " + table.tableName() + " row after " + previous[0].tableName()
                        + " rows (an export writes parents before children)");
            }
            previous[0] = table;
            if (table.hasTenant() && !tenants.contains(record.row().get("tenant_id").textValue())) {
                throw JsonLinesFile.bad(file, "line " + line + ": tenant " + record.row().get("tenant_id").textValue()
                        + " is not listed in the manifest");
            }
            counts.merge(table, 1L, Long::sum);
            sink.accept(line, record);
        });
        for (MemoryTable table : MemoryTable.values()) {
            long found = counts.getOrDefault(table, 0L);
            long expected = manifest.memoryRows().getOrDefault(table.tableName(), 0L);
            if (found != expected) {
                throw JsonLinesFile.bad(file, "holds " + found + " " + table.tableName() + " row(s) but the manifest says " + expected
                        + " (truncated or extended?)");
            }
        }
        if (!read.sha256().equals(manifest.memorySha256())) {
            throw JsonLinesFile.bad(file, "does not match the memorySha256 in " + Manifest.FILE_NAME + " (changed after export)");
        }
    }
}
