package dev.strata.fixes.frontend;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.check.Area;
import dev.strata.fixes.check.Check;
import dev.strata.fixes.check.Finding;
import dev.strata.fixes.check.Status;
import dev.strata.fixes.nginx.NginxControl;
import dev.strata.fixes.nginx.NginxSite;
import dev.strata.fixes.repair.FileChange;
import dev.strata.fixes.repair.FileState;
import dev.strata.fixes.repair.FollowUp;
import dev.strata.fixes.repair.Repair;
import dev.strata.fixes.repair.RepairException;
import dev.strata.fixes.service.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Does nginx serve the console build the deploy made current? Compares the hash of the index page
 * nginx serves with the hash of {@code current/index.html}, and names the release whose build is
 * actually served. Releases are only read, never removed.
 */
public final class FrontendCheck implements Check {

    private final HostContext host;

    public FrontendCheck(HostContext host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "frontend.build";
    }

    @Override
    public Area area() {
        return Area.FRONTEND;
    }

    @Override
    public Finding run() {
        String index = host.config().get("console.index");
        Path current = host.config().path("console.current");
        Path built = current.resolve(index);
        if (!Files.exists(built)) {
            return Finding.manual(name(), area(), Status.CRITICAL, "frontend-no-current", "no console build at " + built,
                    List.of("missing " + built), "the deploy did not create the current symlink", "re-run the console deploy");
        }
        var served = host.http().get(host.config().get("nginx.url") + "/" + index);
        if (served.status() != 200) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "frontend-unreachable", "nginx does not serve /" + index,
                    List.of("GET /" + index + ": " + served.describe()), "nginx is down or misconfigured (see nginx.*)", "repair nginx first");
        }
        String servedHash;
        String builtHash;
        try {
            servedHash = FileState.sha256(served.body());
            builtHash = FileState.sha256(built);
        } catch (IOException e) {
            return Finding.manual(name(), area(), Status.UNKNOWN, "frontend-unreadable", "cannot read " + built, List.of(e.toString()),
                    "permissions", "run strata-fix as root");
        }
        if (servedHash.equals(builtHash)) {
            return Finding.ok(name(), area(), "nginx serves the current build (" + shortHash(builtHash) + ")", List.of());
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("served /" + index + " sha256 " + shortHash(servedHash) + ", " + built + " sha256 " + shortHash(builtHash));
        Optional<Path> servedRelease = releaseWithHash(servedHash, index);
        servedRelease.ifPresent(r -> evidence.add("the served file is the build of release " + r.getFileName()));
        evidence.add("current -> " + target(current));
        NginxSite site;
        try {
            site = NginxSite.read(host.nginx().site());
        } catch (IOException e) {
            return Finding.manual(name(), area(), Status.CRITICAL, "frontend-stale", "nginx serves an old console build", evidence,
                    "cannot read the site", "compare the site's root with " + current);
        }
        var root = site.root();
        root.ifPresent(r -> evidence.add(site.path() + ":" + r.line() + ": root " + r.value()));
        if (root.isPresent() && !Path.of(root.get().value()).equals(current)) {
            return Finding.problem(name(), area(), Status.CRITICAL, "frontend-stale", "nginx serves an old console build", evidence,
                    "the site's root is pinned to " + root.get().value() + " instead of " + current,
                    new PointRootAtCurrent(site, root.get().line(), current));
        }
        return Finding.problem(name(), area(), Status.CRITICAL, "frontend-stale", "nginx serves an old console build", evidence,
                "the site's root is right, so nginx holds the old files open (open_file_cache) or serves a cached copy",
                new PointRootAtCurrent(null, 0, current));
    }

    private Optional<Path> releaseWithHash(String hash, String index) {
        try (Stream<Path> releases = Files.list(host.config().path("console.releases"))) {
            return releases.filter(r -> {
                try {
                    return Files.exists(r.resolve(index)) && FileState.sha256(r.resolve(index)).equals(hash);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String target(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : "(not a symlink)";
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static String shortHash(String hash) {
        return hash.substring(0, 12);
    }

    /** Points the site's root at the current symlink (when pinned) and reloads nginx. */
    private final class PointRootAtCurrent implements Repair {
        private final NginxSite site;
        private final int line;
        private final Path current;

        PointRootAtCurrent(NginxSite site, int line, Path current) {
            this.site = site;
            this.line = line;
            this.current = current;
        }

        @Override
        public String description() {
            return (site != null ? "set root to " + current + " in " + site.path() + ", nginx -t, " : "") + "reload nginx";
        }

        @Override
        public List<FileChange> changes() {
            return site == null ? List.of() : List.of(FileChange.content(site.path(), site.withRoot(line, current.toString()), false));
        }

        @Override
        public void validate() throws RepairException {
            var test = host.nginx().testConfig();
            if (!test.succeeded()) {
                throw new RepairException("nginx -t fails: " + NginxControl.emergLine(test.output()).orElse("?"));
            }
        }

        @Override
        public void apply() throws RepairException {
            try {
                host.services().reload(host.nginx().service());
            } catch (ServiceException e) {
                throw new RepairException(e.getMessage());
            }
        }

        @Override
        public FollowUp afterRestore() {
            return FollowUp.RELOAD_NGINX;
        }
    }
}
