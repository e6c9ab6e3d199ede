package dev.strata.fixes.it;

import dev.strata.fixes.repair.FileState;
import dev.strata.fixes.repair.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not part of the test run (no Test suffix): regenerates the README's example output into
 * /tmp/readme-capture.txt. Run: ./mvnw -B -pl deployment-fixes test -Dtest=ReadmeCapture
 */
class ReadmeCapture {
    static final Path OUT = Path.of("/tmp/readme-capture.txt");

    void log(HostFixture host, String... args) throws Exception {
        var r = host.run(args);
        String text = "$ strata-fix " + String.join(" ", args) + "\n" + r.out() + r.err() + "(exit " + r.code() + ")\n\n";
        Files.writeString(OUT, text.replace(host.root.toString(), "/tmp/host"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void capture() throws Exception {
        Files.deleteIfExists(OUT);
        Dependencies deps = Dependencies.shared();
        try (HostFixture host = HostFixture.start(deps)) {
            log(host, "diagnose");
            host.stopBackend();
            log(host, "diagnose");
            log(host, "fix", "--yes");
            String site = Files.readString(host.site);
            Files.writeString(host.site, site.replace("127.0.0.1:" + host.backendPort, "127.0.0.1:65000"));
            host.reloadNginx();
            log(host, "check", "nginx");
            log(host, "fix", "nginx", "--dry-run");
            log(host, "fix", "nginx", "--yes");
            log(host, "history");
            Files.writeString(host.site, site.replace("index index.html;", "index index.html"));
            log(host, "check", "nginx");
            Files.writeString(host.site, site.replace("127.0.0.1:" + host.backendPort, "127.0.0.1:65000"));
            host.reloadNginx();
            var r = host.run((c, b, t) -> false, "", "fix", "nginx-upstream-wrong-port", "--yes");
            Files.writeString(OUT, ("$ strata-fix fix nginx-upstream-wrong-port --yes   # verification forced to fail\n" + r.out() + "(exit " + r.code() + ")\n\n")
                    .replace(host.root.toString(), "/tmp/host"), StandardOpenOption.APPEND);
            Files.writeString(host.site, site);
            host.reloadNginx();
            Files.writeString(host.envFile, Files.readString(host.envFile).replaceAll("(?m)^STRATA_ADMIN_TOKEN=.*\n", ""));
            FileState.setMode(host.envFile, "0644");
            log(host, "check", "env");
            log(host, "fix", "env", "--dry-run");
            log(host, "check", "env", "--json");
        }
        try (var own = Dependencies.startPostgres()) {
            int port = own.getPort();
            try (HostFixture host = HostFixture.start(deps, port, Map.of("deps.postgres.endpoint", "127.0.0.1:" + port))) {
                own.close();
                host.await(() -> host.backendGet("/actuator/health/readiness").status() == 503, "not ready");
                log(host, "diagnose");
                log(host, "fix", "--yes");
            }
        }
    }
}
