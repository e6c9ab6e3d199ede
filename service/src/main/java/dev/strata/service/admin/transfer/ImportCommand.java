package dev.strata.service.admin.transfer;

import dev.strata.service.admin.JsonOutput;
import dev.strata.service.admin.ProgressOutput;
import dev.strata.service.admin.AdminFailure;
import dev.strata.service.admin.ContextOptions;
import dev.strata.service.admin.ExitCode;
import dev.strata.service.admin.Output;
import dev.strata.service.admin.Progress;
import dev.strata.service.admin.StoreContext;
import dev.strata.service.coherence.Invalidation;
import dev.strata.service.coherence.InvalidationBroadcast;
import dev.strata.service.kv.ItemKey;
import dev.strata.service.tier.warm.WarmItems;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code admin import <dir>}: checks the whole export first (every line, the checksum, the count) and
 * only then writes, batch by batch, with a checkpoint after each commit so an interrupted import
 * resumes. Cached copies of changed items are dropped from Redis and invalidated in running servers'
 * hot tiers, so no tier serves the previous value. The semantic-memory file (format version 2) is
 * verified with the items and written after them by {@link MemoryImporter}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an export directory: verified first, then written idempotently and resumably.")
public class ImportCommand implements Callable<Integer> {

    @Mixin
    ContextOptions context;

    @Parameters(index = "0", paramLabel = "dir", description = "Directory written by 'admin export'.")
    Path dir;

    @Option(names = "--checkpoint", paramLabel = "file", description = "Progress file (default: <dir>/import.checkpoint).")
    Path checkpointFile;

    @Option(names = "--restart", description = "Ignore an existing checkpoint and start from the first line.")
    boolean restart;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Items, or semantic-memory rows, per transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    JsonOutput jsonOutput;

    @Mixin
    ProgressOutput progressOutput;

    @Spec
    CommandSpec spec;

    private final String origin = InvalidationBroadcast.newOrigin();

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new AdminFailure(ExitCode.USAGE, "--batch-size must be between 1 and 10000.");
        }
        Manifest manifest = readManifest();
        ExportReader reader = new ExportReader(dir, manifest);
        try {
            reader.read((line, record) -> { });
            if (manifest.hasMemory()) {
                reader.readMemory((line, record) -> { });
            }
        } catch (AdminFailure e) {
            throw new AdminFailure(e.exitCode(), e.getMessage() + " Nothing was imported.");
        }
        Path checkpointPath = checkpointFile != null ? checkpointFile : dir.resolve("import.checkpoint");
        Checkpoint checkpoint = restart ? null : Checkpoint.readOrNull(checkpointPath, manifest.sha256());
        long resumeAfter = checkpoint == null ? 0 : checkpoint.linesCommitted();
        PrintWriter out = spec.commandLine().getOut();
        if (resumeAfter > 0 && !jsonOutput.requested()) {
            out.printf("Resuming after line %d of %d (checkpoint %s)%n", resumeAfter, manifest.items(), checkpointPath);
            out.flush();
        }
        long[] changed = {0};
        long[] skippedExpired = {0};
        try (StoreContext stores = StoreContext.open(context);
             Progress progress = Progress.start("import", manifest.items() - resumeAfter, progressOutput.wanted())) {
            ItemImporter importer = new ItemImporter(stores.dataSource());
            int tenantsCreated = importer.ensureTenants(manifest.tenants());
            Optional<WarmItems> warm = stores.warm();
            List<ExportRecord> batch = new ArrayList<>(batchSize);
            long now = System.currentTimeMillis();
            long[] lastLine = {resumeAfter};
            reader.read((line, record) -> {
                if (line <= resumeAfter) {
                    return;
                }
                lastLine[0] = line;
                if (record.expiresAt() != null && record.expiresAt() <= now) {
                    skippedExpired[0]++;
                } else {
                    batch.add(record);
                }
                if (batch.size() == batchSize) {
                    flush(importer, stores, warm, batch, changed);
                    new Checkpoint(manifest.sha256(), line).write(checkpointPath);
                    progress.stepBy(batchSize);
                }
            });
            flush(importer, stores, warm, batch, changed);
            progress.close(); // the memory file has a bar of its own
            Optional<MemoryImporter> memory = Optional.empty();
            if (manifest.hasMemory()) {
                // Items are done: a re-run after an interruption in the memory file skips them and repeats the
                // memory file, whose inserts skip what exists.
                new Checkpoint(manifest.sha256(), manifest.items()).write(checkpointPath);
                memory = Optional.of(importMemory(stores, manifest, reader));
            }
            Files.deleteIfExists(checkpointPath);
            long unchanged = manifest.items() - resumeAfter - changed[0] - skippedExpired[0];
            if (jsonOutput.requested()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("items", manifest.items());
                result.put("resumedAfterLine", resumeAfter);
                result.put("written", changed[0]);
                result.put("unchanged", unchanged);
                result.put("skippedExpired", skippedExpired[0]);
                result.put("tenantsCreated", tenantsCreated);
                memory.ifPresent(m -> result.put("memory", memoryResult(manifest, m)));
                Output.json(out, result);
            } else {
                out.printf("Verified %d item(s) against %s (sha256 %s…)%n", manifest.items(), Manifest.FILE_NAME,
                        manifest.sha256().substring(0, 12));
                out.printf("Imported: %d written, %d already up to date, %d expired since export (skipped); %d tenant(s) created%n",
                        changed[0], unchanged, skippedExpired[0], tenantsCreated);
                if (memory.isPresent()) {
                    out.printf("Verified %d semantic-memory row(s) (sha256 %s…)%n", manifest.memoryRowTotal(),
                            manifest.memorySha256().substring(0, 12));
                    out.printf("Imported semantic memory: %s%n", memorySummary(manifest, memory.get()));
                } else {
                    out.printf("No semantic memory in this export (%s)%n", manifest.formatVersion() == 1
                            ? "format version 1: items only" : "a --namespace export holds items only");
                }
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }

    /** Writes a batch, then drops stale copies: from Redis, and from running servers' hot tiers by invalidation. */
    private void flush(ItemImporter importer, StoreContext stores, Optional<WarmItems> warm, List<ExportRecord> batch, long[] changed)
            throws java.sql.SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Map<ItemKey, Long> written = importer.write(batch);
        changed[0] += written.size();
        warm.ifPresent(items -> items.delete(written.keySet()));
        List<Invalidation> invalidations = new ArrayList<>(written.size());
        written.forEach((key, version) -> invalidations.add(Invalidation.ofItem(origin, key, version)));
        InvalidationBroadcast.publish(stores.dataSource(), invalidations);
        batch.clear();
    }

    /** Writes the verified memory file; inserts that find their row present change nothing (see {@link MemoryImporter}). */
    private MemoryImporter importMemory(StoreContext stores, Manifest manifest, ExportReader reader) throws Exception {
        try (Progress progress = Progress.start("import memory", manifest.memoryRowTotal(), " rows", progressOutput.wanted())) {
            MemoryImporter importer = new MemoryImporter(stores.dataSource(), batchSize, progress);
            reader.readMemory((line, record) -> importer.add(record));
            importer.finish();
            return importer;
        }
    }

    private static Map<String, Object> memoryResult(Manifest manifest, MemoryImporter importer) {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (MemoryTable table : MemoryTable.values()) {
            long rows = manifest.memoryRows().getOrDefault(table.tableName(), 0L);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("rows", rows);
            counts.put("written", importer.written(table));
            // Present already, or skipped with a parent the target holds under another id.
            counts.put("unchanged", rows - importer.written(table));
            tables.put(table.tableName(), counts);
        }
        return tables;
    }

    /** "17 row(s) written, 0 already present; per table written/in export: memories 4/4, …". */
    private static String memorySummary(Manifest manifest, MemoryImporter importer) {
        long written = 0;
        StringBuilder tables = new StringBuilder();
        for (MemoryTable table : MemoryTable.values()) {
            written += importer.written(table);
            tables.append(tables.isEmpty() ? "" : ", ").append(table.tableName()).append(' ').append(importer.written(table))
                    .append('/').append(manifest.memoryRows().getOrDefault(table.tableName(), 0L));
        }
        return written + " row(s) written, " + (manifest.memoryRowTotal() - written) + " already present; per table written/in export: "
                + tables;
    }

    private Manifest readManifest() {
        Path file = dir.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new AdminFailure(ExitCode.BAD_INPUT, dir + " is not an export: it has no " + Manifest.FILE_NAME + ".");
        }
        Manifest manifest;
        try {
            manifest = Output.mapper().readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new AdminFailure(ExitCode.BAD_INPUT, Manifest.FILE_NAME + " is not readable: " + reason);
        }
        if (!Manifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() < Manifest.OLDEST_FORMAT_VERSION
                || manifest.formatVersion() > Manifest.FORMAT_VERSION) {
            throw new AdminFailure(ExitCode.BAD_INPUT, Manifest.FILE_NAME + " is format " + manifest.format() + " v"
                    + manifest.formatVersion() + "; this jar reads " + Manifest.FORMAT + " v" + Manifest.OLDEST_FORMAT_VERSION
                    + " to v" + Manifest.FORMAT_VERSION + ".");
        }
        if (manifest.sha256() == null || manifest.tenants() == null || manifest.itemsFile() == null
                || manifest.itemsFile().contains("/") || manifest.itemsFile().contains("\\")) {
            throw new AdminFailure(ExitCode.BAD_INPUT, Manifest.FILE_NAME + " lacks sha256, tenants or a plain items file name.");
        }
        if (manifest.hasMemory() && (manifest.formatVersion() < 2 || manifest.memorySha256() == null || manifest.memoryRows() == null
                || manifest.memoryFile().contains("/") || manifest.memoryFile().contains("\\")
                || !manifest.memoryRows().keySet().stream().allMatch(name -> MemoryTable.named(name).isPresent()))) {
            throw new AdminFailure(ExitCode.BAD_INPUT, Manifest.FILE_NAME + " names a memory file without memorySha256, or with "
                    + "memoryRows of unknown tables, or not as a plain file name.");
        }
        return manifest;
    }
}
