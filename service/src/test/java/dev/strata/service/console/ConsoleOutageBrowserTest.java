package dev.strata.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.EmbeddedStores;
import dev.strata.service.support.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * A real server error seen through the console: PostgreSQL goes away under a running server (a
 * private PostgreSQL, so other tests are not disturbed) and the console explains the 503 instead of
 * failing silently, while the status page shows PostgreSQL down.
 */
class ConsoleOutageBrowserTest {

    private EmbeddedPostgres postgres;
    private Browser browser;

    @AfterEach
    void cleanUp() throws IOException {
        if (browser != null) {
            browser.screenshot("last-outage");
            browser.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void serverErrorsAreExplainedWhilePostgresIsDown(@TempDir Path dataDir) throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setPort(EmbeddedStores.freePort()).start();
        try (TestServer server = TestServer.withoutRedis(Map.of("strata.durable.url", postgres.getJdbcUrl("postgres", "postgres")))) {
            ApiClient api = server.client();
            Tenant tenant = api.newTenant();
            api.as(tenant, "PUT", "/v1/kv/orders/o-1", "{\"state\":\"open\"}");
            browser = Browser.open(api.baseUrl());
            browser.signIn(tenant.apiKey());
            browser.go("#/kv/orders/o-1");
            browser.waitForText("#served-by", "hot");

            postgres.close();
            postgres = null;

            WebElement value = browser.field("Value (JSON)");
            value.clear();
            value.sendKeys("{\"state\":\"closed\"}");
            browser.button("Save").click();
            browser.waitForText(".status-line.error", "Server error 503");
            assertThat(browser.find(".status-line.error").getText()).contains("retry");
            browser.screenshot("server-error-503");

            browser.go("#/status");
            browser.waitForText("#health-postgresql", "DOWN");
            browser.screenshot("status-postgres-down");
        }
    }
}
