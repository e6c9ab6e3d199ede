package dev.strata.fixes.repair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The original bytes, mode, owner and group of every file a repair touches, stored under
 * {@code <state.dir>/backups/<entry-id>/} before anything changes, with a manifest that lets
 * `rollback` restore them byte-for-byte from a later process.
 */
public final class Backup {

    public record Saved(Path original, boolean existed, String sha256, String mode, String owner, String group, Path copy) {
    }

    private final Path dir;
    private final List<Saved> files;

    private Backup(Path dir, List<Saved> files) {
        this.dir = dir;
        this.files = List.copyOf(files);
    }

    public static Backup save(Path dir, List<Path> paths) throws IOException {
        Files.createDirectories(dir);
        FileState.setMode(dir, "0700");
        List<Saved> saved = new ArrayList<>();
        Properties manifest = new Properties();
        int index = 0;
        for (Path path : paths.stream().distinct().toList()) {
            Path copy = dir.resolve(index + "-" + path.getFileName());
            Saved entry;
            if (Files.exists(path)) {
                Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                PosixFileAttributes attrs = FileState.attributes(path);
                entry = new Saved(path, true, FileState.sha256(path), FileState.mode(attrs.permissions()),
                        attrs.owner().getName(), attrs.group().getName(), copy);
            } else {
                entry = new Saved(path, false, "", "", "", "", copy);
            }
            String p = "file." + index + ".";
            manifest.setProperty(p + "path", path.toString());
            manifest.setProperty(p + "existed", Boolean.toString(entry.existed()));
            manifest.setProperty(p + "sha256", entry.sha256());
            manifest.setProperty(p + "mode", entry.mode());
            manifest.setProperty(p + "owner", entry.owner());
            manifest.setProperty(p + "group", entry.group());
            manifest.setProperty(p + "copy", copy.getFileName().toString());
            saved.add(entry);
            index++;
        }
        try (var out = Files.newBufferedWriter(dir.resolve("manifest.properties"))) {
            manifest.store(out, "strata-fix backup");
        }
        return new Backup(dir, saved);
    }

    public static Backup load(Path dir) throws IOException {
        Properties manifest = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("manifest.properties"))) {
            manifest.load(in);
        }
        List<Saved> saved = new ArrayList<>();
        for (int i = 0; manifest.containsKey("file." + i + ".path"); i++) {
            String p = "file." + i + ".";
            saved.add(new Saved(Path.of(manifest.getProperty(p + "path")), Boolean.parseBoolean(manifest.getProperty(p + "existed")),
                    manifest.getProperty(p + "sha256"), manifest.getProperty(p + "mode"), manifest.getProperty(p + "owner"),
                    manifest.getProperty(p + "group"), dir.resolve(manifest.getProperty(p + "copy"))));
        }
        return new Backup(dir, saved);
    }

    /**
     * Puts every file back as it was. A file that did not exist before the repair is removed again;
     * nothing else is ever deleted. The copy is written next to the target and moved over it so a
     * reader never sees a half-written file.
     */
    public void restore() throws IOException {
        for (Saved s : files) {
            if (!s.existed()) {
                Files.deleteIfExists(s.original());
                continue;
            }
            Path staging = s.original().resolveSibling("." + s.original().getFileName() + ".strata-fix-restore");
            Files.copy(s.copy(), staging, StandardCopyOption.REPLACE_EXISTING);
            FileState.setMode(staging, s.mode());
            FileState.setOwner(staging, s.owner(), s.group());
            Files.move(staging, s.original(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** True when every file is back to its recorded hash and mode (or absent, if it was absent). */
    public boolean matchesOriginals() throws IOException {
        for (Saved s : files) {
            if (!s.existed()) {
                if (Files.exists(s.original())) {
                    return false;
                }
            } else if (!Files.exists(s.original()) || !FileState.sha256(s.original()).equals(s.sha256())
                    || !FileState.mode(FileState.attributes(s.original()).permissions()).equals(s.mode())) {
                return false;
            }
        }
        return true;
    }

    public Path dir() {
        return dir;
    }

    public List<Saved> files() {
        return files;
    }
}
