package dev.strata.monitoring.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real memory server in its own JVM, started from the test classpath (the service jar is a
 * test dependency). A separate process makes "server stopped" a real stop: its port closes and
 * Prometheus' scrape fails, exactly as in production.
 */
final class StrataServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private StrataServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server with embedded PostgreSQL under {@code workDir} and waits for readiness. */
    static StrataServer start(Path workDir, String adminToken, String redisUrl) {
        int port = LoopbackPorts.free();
        Path log = workDir.resolve("strata-server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseG1GC",
                "-cp", testClasspath(),
                "dev.strata.service.StrataApplication",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--strata.embedded.data-dir=" + workDir.resolve("postgres"),
                "--strata.hot.checkpoint-dir=" + workDir.resolve("placement"),
                "--strata.warm.url=" + redisUrl));
        // The admin token goes in through the environment, not the command line: ps shows the latter.
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STRATA_"));
        builder.environment().put("STRATA_ADMIN_TOKEN", adminToken);
        try {
            StrataServer server = new StrataServer(builder.start(), port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Strata server", e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** Graceful stop (SIGTERM): Spring closes the embedded PostgreSQL on the way out. */
    boolean stop() {
        return ChildProcesses.stopGracefully(process, SHUTDOWN_GRACE);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        Eventually.await("Strata readiness (log: " + log + ")", STARTUP, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ", see " + log);
            }
            try {
                return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, status -> status == 200 ? null : "readiness answered " + status);
    }

    /**
     * Surefire and Failsafe start the test JVM from a manifest-only jar, so java.class.path is not
     * the real classpath; they publish the real one in surefire.test.class.path.
     */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
