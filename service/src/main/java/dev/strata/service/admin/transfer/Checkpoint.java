package dev.strata.service.admin.transfer;

import dev.strata.service.admin.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far an import got: the export's checksum and the last line whose batch committed. Written
 * atomically after each commit; a later run of the same export resumes after that line. Lines of the
 * batch in flight at a crash are written again, which the idempotent upsert makes harmless. With a
 * semantic-memory file the checkpoint stays at the last item line until that file is written too, so
 * a re-run skips the items and repeats the memory file, whose inserts skip the rows already there.
 */
record Checkpoint(String sha256, long linesCommitted) {

    static Checkpoint readOrNull(Path file, String sha256) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Checkpoint checkpoint = Output.mapper().readValue(file.toFile(), Checkpoint.class);
        // A checkpoint of another export (same directory reused) does not apply.
        return sha256.equals(checkpoint.sha256()) ? checkpoint : null;
    }

    void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, Output.mapper().writeValueAsString(this));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
