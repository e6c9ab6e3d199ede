package dev.strata.fixes.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directives of the Strata site the CLI reasons about (loopback proxy_pass targets and the
 * console root), with line numbers for evidence. Edits replace only the matched text of a line.
 */
public record NginxSite(Path path, List<String> lines) {

    private static final Pattern LOOPBACK_PROXY = Pattern.compile("proxy_pass\\s+http://(127\\.0\\.0\\.1|localhost):(\\d+)");
    private static final Pattern ROOT = Pattern.compile("^(\\s*root\\s+)([^;\\s]+)(\\s*;.*)$");

    public record ProxyTarget(int line, int port, String text) {
    }

    public record Root(int line, String value) {
    }

    public static NginxSite read(Path path) throws IOException {
        return new NginxSite(path, Files.readString(path, StandardCharsets.UTF_8).lines().toList());
    }

    public List<ProxyTarget> proxyTargets() {
        List<ProxyTarget> targets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LOOPBACK_PROXY.matcher(lines.get(i));
            while (m.find()) {
                targets.add(new ProxyTarget(i + 1, Integer.parseInt(m.group(2)), lines.get(i).strip()));
            }
        }
        return targets;
    }

    /** The first server-level {@code root} directive (the console is served from it). */
    public Optional<Root> root() {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ROOT.matcher(lines.get(i));
            if (m.matches()) {
                return Optional.of(new Root(i + 1, m.group(2)));
            }
        }
        return Optional.empty();
    }

    public String withProxyPort(int port) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LOOPBACK_PROXY.matcher(line);
            out.add(m.replaceAll(r -> "proxy_pass http://" + r.group(1) + ":" + port));
        }
        return join(out);
    }

    public String withRoot(int lineNumber, String value) {
        List<String> out = new ArrayList<>(lines);
        Matcher m = ROOT.matcher(out.get(lineNumber - 1));
        if (m.matches()) {
            out.set(lineNumber - 1, m.group(1) + value + m.group(3));
        }
        return join(out);
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
