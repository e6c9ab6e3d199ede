package dev.strata.service.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: real PostgreSQL binaries (from Maven Central) running on 127.0.0.1 with
 * their data in a local directory kept across restarts. Durability settings are forced on
 * (the library's defaults turn them off for test speed).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static EmbeddedPostgresServer start(EmbeddedPostgresProperties properties) {
        Path dataDir = Path.of(properties.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            stopOrphanedPostmaster(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(properties.port())
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            log.info("Embedded PostgreSQL running on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDir);
            log.info("To use your own database instead, set STRATA_DURABLE_URL (jdbc:postgresql://host:5432/db), "
                    + "STRATA_DURABLE_USERNAME and STRATA_DURABLE_PASSWORD; for a shared warm tier set STRATA_WARM_URL (redis://host:6379).");
            return new EmbeddedPostgresServer(postgres, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in strata.embedded.data-dir="
                    + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A server killed with SIGKILL leaves its postmaster running and the data directory locked.
     * Stop it only when positively identified: the pid from this data directory's postmaster.pid,
     * alive, and a postgres process.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(dataDir)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean isPostgres = process.flatMap(p -> p.info().command()).map(c -> c.endsWith("postgres")).orElse(false);
        if (process.isPresent() && isPostgres) {
            log.warn("Stopping PostgreSQL (pid {}) left running on {} by a previous server that did not shut down", pid, dataDir);
            process.get().destroy();
            try {
                process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("PostgreSQL pid " + pid + " did not stop within 30 s", e);
            }
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
