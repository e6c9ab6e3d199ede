package dev.strata.fixes.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The append-only journal of repairs and the backup directories they refer to. */
public final class History {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path stateDir;

    public History(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path journal() {
        return stateDir.resolve("history.jsonl");
    }

    /** A new, unused entry id: the UTC time plus a counter, so ids sort by time. */
    public String newEntryId(Instant now) throws IOException {
        String base = ID_FORMAT.format(now);
        int n = 1;
        while (Files.exists(backupDir(base + "-" + n))) {
            n++;
        }
        return base + "-" + n;
    }

    public Path backupDir(String entryId) {
        return stateDir.resolve("backups").resolve(entryId);
    }

    public void append(HistoryEntry entry) throws IOException {
        Files.createDirectories(stateDir);
        String line = JSON.writeValueAsString(entry) + "\n";
        Files.writeString(journal(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public List<HistoryEntry> entries() throws IOException {
        if (!Files.exists(journal())) {
            return List.of();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(journal(), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                entries.add(JSON.readValue(line, HistoryEntry.class));
            }
        }
        return entries;
    }

    public Optional<HistoryEntry> find(String id) throws IOException {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public boolean isUndone(String id) throws IOException {
        return entries().stream().anyMatch(e -> e.outcome() == HistoryEntry.Outcome.UNDONE && e.detail().equals("undid " + id));
    }
}
