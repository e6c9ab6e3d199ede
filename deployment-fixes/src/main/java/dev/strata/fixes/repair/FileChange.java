package dev.strata.fixes.repair;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A planned change of one file: new content and/or new mode/group. {@code secret} marks files
 * whose diff must be shown with values masked (the environment file).
 */
public record FileChange(Path path, byte[] newContent, String newMode, String newGroup, boolean secret) {

    public FileChange {
        Objects.requireNonNull(path);
        if (newContent == null && newMode == null && newGroup == null) {
            throw new IllegalArgumentException("a change of " + path + " must change something");
        }
    }

    public static FileChange content(Path path, String text, boolean secret) {
        return new FileChange(path, text.getBytes(StandardCharsets.UTF_8), null, null, secret);
    }

    public static FileChange createWithMode(Path path, String text, String mode, String group, boolean secret) {
        return new FileChange(path, text.getBytes(StandardCharsets.UTF_8), mode, group, secret);
    }

    public static FileChange permissions(Path path, String mode, String group) {
        return new FileChange(path, null, mode, group, false);
    }
}
