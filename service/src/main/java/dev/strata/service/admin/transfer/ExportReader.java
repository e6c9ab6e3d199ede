package dev.strata.service.admin.transfer;

import dev.strata.service.admin.AdminFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Streams the records of an export's data files, checking each line (JSON shape, names, version,
 * value checksum, key order; for the memory file see {@link #readMemory}) and the whole file (sha256,
 * counts) against the manifest. Every failure is an {@link AdminFailure} that names the file and the line.
 */
final class ExportReader {

    /** Receives each valid record with its 1-based line number. */
    @FunctionalInterface
    interface RecordSink {
        void accept(long line, ExportRecord record) throws Exception;
    }

    /** Receives each valid line of the semantic-memory file with its 1-based line number. */
    @FunctionalInterface
    interface MemorySink {
        void accept(long line, MemoryLine record) throws Exception;
    }

    // The server's own naming rules (KeyRules); repeated as patterns because an import must not go through HTTP.
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:@!+=-]{1,512}");

    private final Path dir;
    private final Manifest manifest;

    ExportReader(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Reads every line; returns the number of records. Throws on the first bad line or a manifest mismatch. */
    long read(RecordSink sink) throws Exception {
        Path file = dir.resolve(manifest.itemsFile());
        String[] previous = {null};
        JsonLinesFile.Read read = JsonLinesFile.read(dir, manifest.itemsFile(), (line, text) -> {
            ExportRecord record = parse(file, line, text);
            String order = record.tenant() + '\u0000' + record.namespace() + '\u0000' + record.key();
            if (previous[0] != null && previous[0].compareTo(order) >= 0) {
                throw bad(file, "line " + line + ": item " + describe(record) + " is out of order or repeated "
                        + "(an export lists each item once, in key order)");
            }
            previous[0] = order;
            sink.accept(line, record);
        });
        if (read.lines() != manifest.items()) {
            throw bad(file, "holds " + read.lines() + " item(s) but the manifest says " + manifest.items() + " (truncated or extended?)");
        }
        if (!read.sha256().equals(manifest.sha256())) {
            throw bad(file, "does not match the sha256 in " + Manifest.FILE_NAME + " (changed after export)");
        }
        return read.lines();
    }

    /**
     * Reads every line of the semantic-memory file (format version 2), checking each line ({@link MemoryLine#parse}),
     * that tables come in parent-before-child order, that every tenant is one the manifest lists, and the whole file
     * (rows per table, sha256) against the manifest.
     */
    void readMemory(MemorySink sink) throws Exception {
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

    private ExportRecord parse(Path file, long line, String text) {
        ExportRecord record;
        try {
            record = ExportRecord.READER.readValue(text);
        } catch (IOException e) {
            throw bad(file, "line " + line + ": not a valid item record (" + JsonLinesFile.firstLine(e) + ")");
        }
        if (record.tenant() == null || !TENANT.matcher(record.tenant()).matches()) {
            throw bad(file, "line " + line + ": invalid tenant id");
        }
        if (record.namespace() == null || !NAMESPACE.matcher(record.namespace()).matches()) {
            throw bad(file, "line " + line + ": invalid namespace");
        }
        if (record.key() == null || !KEY.matcher(record.key()).matches()) {
            throw bad(file, "line " + line + ": invalid key");
        }
        if (record.version() <= 0) {
            throw bad(file, "line " + line + ": version must be positive");
        }
        if (record.value() == null || record.crc32c() == null) {
            throw bad(file, "line " + line + ": value and crc32c are required");
        }
        if (manifest.tenants().stream().noneMatch(t -> t.id().equals(record.tenant()))) {
            throw bad(file, "line " + line + ": tenant " + record.tenant() + " is not listed in the manifest");
        }
        byte[] value;
        try {
            value = record.valueBytes();
        } catch (IllegalArgumentException e) {
            throw bad(file, "line " + line + ": value is not valid base64");
        }
        if (!ExportRecord.crc(value).equals(record.crc32c())) {
            throw bad(file, "line " + line + ": value of " + describe(record) + " does not match its crc32c (damaged)");
        }
        return record;
    }

    private static String describe(ExportRecord record) {
        return record.tenant() + "/" + record.namespace() + "/" + record.key();
    }

    private static AdminFailure bad(Path file, String what) {
        return JsonLinesFile.bad(file, what);
    }
}
