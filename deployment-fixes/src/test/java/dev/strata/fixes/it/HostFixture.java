package dev.strata.fixes.it;

import dev.strata.fixes.backend.UnitTemplate;
import dev.strata.fixes.cli.StrataFix;
import dev.strata.fixes.config.FixConfig;
import dev.strata.fixes.nginx.SiteTemplate;
import dev.strata.fixes.repair.FileState;
import dev.strata.fixes.repair.Verifier;
import dev.strata.fixes.service.ProcessServiceManager;
import dev.strata.fixes.service.ServiceException;
import dev.strata.fixes.system.CommandRunner;
import dev.strata.fixes.system.HttpProbe;
import dev.strata.fixes.system.ProcessInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One app host on the loopback interface, laid out like the host layout contract under a temp
 * directory: a real nginx (own prefix, ports, pid file), the tiny backend as a separate JVM, the
 * environment file, the unit file and two console releases. Every CLI output is kept so tests can
 * assert that no secret ever appears.
 */
final class HostFixture implements AutoCloseable {

    static final String DB_PASSWORD = "pg-Secret-4711-xyz";
    static final String ADMIN_TOKEN = "admin-Token-9f8e7d-secret";
    static final List<String> SECRETS = List.of(DB_PASSWORD, ADMIN_TOKEN, Dependencies.REDIS_TOKEN);
    static final String BACKEND_MAIN = TinyBackend.class.getName();

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Path root;
    final Path envFile;
    final Path site;
    final Path unitFile;
    final Path stateDir;
    final Path configFile;
    final Path nginxPrefix;
    final Path consoleCurrent;
    final Path releases;
    final int nginxPort;
    final int statusPort;
    final int backendPort;
    final List<String> outputs = new ArrayList<>();
    private final Properties properties = new Properties();
    private final HttpProbe http = new HttpProbe(3000);

    private HostFixture(Dependencies deps, int postgresPort, Map<String, String> overrides) throws IOException {
        root = Files.createTempDirectory("strata-host");
        nginxPort = Dependencies.freePort();
        statusPort = Dependencies.freePort();
        backendPort = Dependencies.freePort();
        nginxPrefix = Files.createDirectories(root.resolve("nginx"));
        Files.createDirectories(nginxPrefix.resolve("logs"));
        Files.createDirectories(nginxPrefix.resolve("conf.d"));
        Files.createDirectories(nginxPrefix.resolve("tmp"));
        site = nginxPrefix.resolve("conf.d/strata.conf");
        envFile = Files.createDirectories(root.resolve("etc/strata")).resolve("strata.env");
        unitFile = Files.createDirectories(root.resolve("etc/systemd/system")).resolve("strata.service");
        stateDir = root.resolve("var/lib/strata-fix");
        releases = Files.createDirectories(root.resolve("opt/strata/console/releases"));
        consoleCurrent = root.resolve("opt/strata/console/current");
        configFile = root.resolve("deployment-fixes.properties");
        writeReleases();
        Path jar = Files.createDirectories(root.resolve("opt/strata/service")).resolve("strata-service.jar");
        Files.writeString(jar, "placeholder: the tiny backend runs from the test class path\n");
        String java = ProcessHandle.current().info().command().orElse("java");

        put("service.manager", "process");
        put("state.dir", stateDir.toString());
        put("nginx.binary", "/usr/sbin/nginx");
        put("nginx.prefix", nginxPrefix.toString());
        put("nginx.conf", nginxPrefix.resolve("nginx.conf").toString());
        put("nginx.pid-file", nginxPrefix.resolve("nginx.pid").toString());
        put("nginx.error-log", nginxPrefix.resolve("logs/error.log").toString());
        put("nginx.site", site.toString());
        put("nginx.listen", "127.0.0.1:" + nginxPort);
        put("nginx.url", "http://127.0.0.1:" + nginxPort);
        put("nginx.status-port", Integer.toString(statusPort));
        put("backend.unit-file", unitFile.toString());
        put("backend.jar", jar.toString());
        put("backend.java", java);
        put("backend.user", "root");
        put("backend.working-dir", root.resolve("var/lib/strata").toString());
        put("backend.port", Integer.toString(backendPort));
        put("backend.url", "http://127.0.0.1:" + backendPort);
        put("backend.process-match", BACKEND_MAIN);
        put("backend.start-timeout-seconds", "20");
        put("env.file", envFile.toString());
        // The group the test user's files get: root here, the user's own group elsewhere.
        put("env.group", FileState.attributes(root).group().getName());
        put("console.current", consoleCurrent.toString());
        put("console.releases", releases.toString());
        put("host.disk-paths", root.toString());
        put("protected.paths", releases + "," + root.resolve("var/lib/strata"));
        put("process.nginx.start", "/usr/sbin/nginx -p " + nginxPrefix + " -c " + nginxPrefix.resolve("nginx.conf"));
        put("process.nginx.pid-file", nginxPrefix.resolve("nginx.pid").toString());
        put("process.nginx.match", "nginx: master process");
        put("process.nginx.daemon", "true");
        put("process.strata.start", java + " -cp " + System.getProperty("java.class.path") + " " + BACKEND_MAIN);
        put("process.strata.pid-file", root.resolve("strata.pid").toString());
        put("process.strata.match", BACKEND_MAIN);
        put("process.strata.environment-file", envFile.toString());
        put("process.strata.log", root.resolve("strata.log").toString());
        overrides.forEach(this::put);
        try (var out = Files.newBufferedWriter(configFile)) {
            properties.store(out, "test host");
        }

        Files.writeString(envFile, """
                # written at boot from AWS Secrets Manager
                STRATA_DURABLE_URL=jdbc:postgresql://127.0.0.1:%d/postgres
                STRATA_DURABLE_USERNAME=postgres
                STRATA_DURABLE_PASSWORD=%s
                STRATA_WARM_URL=redis://:%s@127.0.0.1:%d
                STRATA_ADMIN_TOKEN=%s
                SERVER_PORT=%d
                """.formatted(postgresPort, DB_PASSWORD, Dependencies.REDIS_TOKEN, deps.redisPort, ADMIN_TOKEN, backendPort));
        FileState.setMode(envFile, "0640");
        FixConfig config = FixConfig.of(properties);
        Files.writeString(site, SiteTemplate.render(config));
        Files.writeString(unitFile, UnitTemplate.render(config));
        Files.writeString(nginxPrefix.resolve("nginx.conf"), mainConfig());
    }

    static HostFixture start(Dependencies deps) throws IOException {
        return start(deps, deps.postgresPort(), Map.of());
    }

    static HostFixture start(Dependencies deps, int postgresPort, Map<String, String> overrides) throws IOException {
        HostFixture host = new HostFixture(deps, postgresPort, overrides);
        host.startNginx();
        host.startBackend();
        return host;
    }

    private void put(String key, String value) {
        properties.setProperty(key, value);
    }

    /** nginx as root needs the user directive (workers run as root here: a throwaway test host). */
    private String mainConfig() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + """
                worker_processes 1;
                daemon on;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 64; }
                http {
                    types { text/html html; application/json json; }
                    default_type application/octet-stream;
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    include %2$s;
                }
                """.formatted(nginxPrefix, site);
    }

    private void writeReleases() throws IOException {
        for (String version : List.of("1.0.0", "1.1.0")) {
            Path dir = Files.createDirectories(releases.resolve(version));
            Files.writeString(dir.resolve("index.html"), "<!doctype html><title>Strata console " + version + "</title>\n");
        }
        Files.createSymbolicLink(consoleCurrent, releases.resolve("1.1.0"));
    }

    // --- running the CLI ---

    Result run(String... args) {
        return run(Verifier.rerunCheck(), "", args);
    }

    Result run(Verifier verifier, String operatorInput, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = StrataFix.commandLine(new StrataFix(verifier, Clock.systemUTC(), new BufferedReader(new StringReader(operatorInput))));
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] full = Stream.concat(Stream.of(args), Stream.of("--config", configFile.toString())).toArray(String[]::new);
        int code = cli.execute(full);
        Result result = new Result(code, out.toString(), err.toString());
        outputs.add(result.all());
        return result;
    }

    // --- processes ---

    void startNginx() throws IOException {
        exec("/usr/sbin/nginx", "-p", nginxPrefix.toString(), "-c", nginxPrefix.resolve("nginx.conf").toString());
        await(() -> nginxMaster().isPresent(), "nginx master");
    }

    void startBackend() throws IOException {
        try {
            new ProcessServiceManager(FixConfig.of(properties), new CommandRunner(30)).start("strata");
        } catch (ServiceException e) {
            throw new IOException(e.getMessage());
        }
        await(() -> http.get("http://127.0.0.1:" + backendPort + "/actuator/health/liveness").status() == 200, "backend liveness");
    }

    java.util.Optional<ProcessInfo> nginxMaster() {
        return ProcessInfo.fromPidFile(nginxPrefix.resolve("nginx.pid")).filter(p -> p.matches("nginx: master process"));
    }

    java.util.Optional<ProcessInfo> backend() {
        return ProcessInfo.fromPidFile(root.resolve("strata.pid")).filter(p -> p.matches(BACKEND_MAIN));
    }

    /** Stops a process this fixture started (identified by its pid file and command line). */
    void stopNginx() {
        nginxMaster().ifPresent(p -> stop(p.pid()));
    }

    void stopBackend() {
        backend().ifPresent(p -> stop(p.pid()));
    }

    /** Reloads and waits until every old worker is gone, so no request can reach the previous config. */
    void reloadNginx() throws IOException {
        Set<Long> oldWorkers = workers();
        exec("/usr/sbin/nginx", "-p", nginxPrefix.toString(), "-c", nginxPrefix.resolve("nginx.conf").toString(), "-s", "reload");
        await(() -> {
            Set<Long> now = workers();
            return !now.isEmpty() && now.stream().noneMatch(oldWorkers::contains);
        }, "nginx workers replaced after reload");
    }

    private Set<Long> workers() {
        Set<Long> pids = new TreeSet<>();
        nginxMaster().flatMap(m -> ProcessHandle.of(m.pid())).ifPresent(h -> h.children().forEach(c -> pids.add(c.pid())));
        return pids;
    }

    private static void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            handle.destroy();
            handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        });
    }

    /** nginx master and worker pids and the backend pid: a reload or restart changes this set. */
    Set<Long> processes() {
        Set<Long> pids = new TreeSet<>();
        nginxMaster().ifPresent(m -> {
            pids.add(m.pid());
            ProcessHandle.of(m.pid()).ifPresent(h -> h.children().forEach(c -> pids.add(c.pid())));
        });
        backend().ifPresent(b -> pids.add(b.pid()));
        return pids;
    }

    /** Hash, mode and owner of every file under the host root except logs (nginx appends to those on every request). */
    Map<String, String> checksums() throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".log")).toList()) {
                sums.put(root.relativize(p).toString(), FileState.sha256(p) + " " + FileState.mode(FileState.attributes(p).permissions()));
            }
        }
        return sums;
    }

    HttpProbe.Response get(String path) {
        return http.get("http://127.0.0.1:" + nginxPort + path);
    }

    HttpProbe.Response backendGet(String path) {
        return http.get("http://127.0.0.1:" + backendPort + path);
    }

    void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    private static void exec(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        stopBackend();
        stopNginx();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
