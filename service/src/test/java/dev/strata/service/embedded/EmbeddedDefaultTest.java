package dev.strata.service.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.StrataApplication;
import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** With no database configured the server runs on an embedded PostgreSQL whose data survives restarts. */
class EmbeddedDefaultTest {

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenOnTheEmbeddedDefaultSurvivesARestart() {
        Tenant tenant;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            tenant = api.newTenant();
            assertThat(api.as(tenant, "PUT", "/v1/kv/notes/kept", "{\"kept\":true}").status()).isEqualTo(200);
            assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
        }
        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            assertThat(api.as(tenant, "GET", "/v1/kv/notes/kept", null).body()).isEqualTo("{\"kept\":true}");
            assertThat(api.as(tenant, "GET", "/v1/kv/notes/kept", null).header("X-Strata-Tier")).isEqualTo("hot");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplication(StrataApplication.class).run("--server.port=0", "--strata.embedded.data-dir=" + dataDir,
                "--strata.hot.checkpoint-dir=" + dataDir.resolveSibling(dataDir.getFileName() + "-placement"),
                "--strata.admin.token=embedded-admin", "--logging.level.root=warn");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ApiClient("http://127.0.0.1:" + port, "embedded-admin");
    }
}
