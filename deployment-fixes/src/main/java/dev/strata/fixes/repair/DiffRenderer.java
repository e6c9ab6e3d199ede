package dev.strata.fixes.repair;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.strata.fixes.env.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Unified diffs of planned changes, with secret values masked before they reach any output. */
public final class DiffRenderer {

    private static final int CONTEXT_LINES = 2;

    private final SecretMasker masker;

    public DiffRenderer(SecretMasker masker) {
        this.masker = masker;
    }

    public List<String> render(FileChange change) throws IOException {
        List<String> out = new ArrayList<>();
        boolean exists = Files.exists(change.path());
        if (change.newContent() != null) {
            List<String> before = exists ? Files.readAllLines(change.path(), StandardCharsets.UTF_8) : List.of();
            List<String> after = new String(change.newContent(), StandardCharsets.UTF_8).lines().toList();
            String from = exists ? change.path().toString() : "/dev/null";
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(from, change.path().toString(), before,
                    DiffUtils.diff(before, after), CONTEXT_LINES);
            for (String line : diff) {
                out.add(change.secret() && !line.startsWith("---") && !line.startsWith("+++") && !line.startsWith("@@")
                        ? line.charAt(0) + masker.maskEnvLine(line.substring(1)) : masker.mask(line));
            }
        }
        if (change.newMode() != null) {
            String current = exists ? FileState.mode(FileState.attributes(change.path()).permissions()) : "(new file)";
            out.add("mode  " + change.path() + ": " + current + " -> " + change.newMode());
        }
        if (change.newGroup() != null) {
            String current = exists ? FileState.attributes(change.path()).group().getName() : "(new file)";
            out.add("group " + change.path() + ": " + current + " -> " + change.newGroup());
        }
        return out;
    }
}
