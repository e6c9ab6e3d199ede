package dev.strata.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory holding {@code Pulumi.yaml}. Pulumi runs the program from {@code infrastructure/}
 * (the project's {@code main}), while artefact paths in stack config are relative to the repository root.
 */
final class ProjectRoot {
    private ProjectRoot() {
    }

    static Path locate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Pulumi.yaml"))) {
                return dir;
            }
        }
        return start.toAbsolutePath();
    }
}
