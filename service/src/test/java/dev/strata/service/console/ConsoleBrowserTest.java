package dev.strata.service.console;

import dev.strata.service.support.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.SharedServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web console in headless Chromium against a real server (PostgreSQL + Redis): sign-in, the
 * key/value browser and editor, the status page, error messages and keyboard use. Screenshots go to
 * service/target/screenshots/.
 */
class ConsoleBrowserTest extends BrowserTestBase {

    @Test
    void aWrongKeyIsRefusedWithAClearMessageAndNothingIsKept() {
        browser.go("");
        browser.field("API key").sendKeys("sk_0123456789abcdef_notARealSecret");
        browser.button("Sign in").click();
        browser.waitForText(".status-line.error", "does not accept this API key");
        browser.screenshot("signin-wrong-key");
        assertThat(browser.isShown("#sections")).isFalse();
        Object stored = browser.driver.executeScript("return sessionStorage.getItem('strata.apiKey')");
        assertThat(stored).isNull();

        WebElement key = browser.field("API key");
        key.clear();
        key.sendKeys(dev.strata.service.support.TestServer.ADMIN_TOKEN);
        browser.button("Sign in").click();
        browser.waitForText(".status-line.error", "The admin token is not accepted here");
    }

    @Test
    void signInCreateEditConflictAndDeleteAnItem() {
        browser.signIn(tenant.apiKey());
        browser.waitForText("#tenant-id", tenant.id());
        assertThat(browser.driver.executeScript("return localStorage.length")).isEqualTo(0L);

        browser.button("New item").click();
        browser.field("Namespace").sendKeys("profiles");
        browser.field("Key").sendKeys("user:42");
        browser.field("Value (JSON)").sendKeys("{\"plan\": \"free\"}");
        browser.screenshot("item-new");
        browser.button("Create").click();
        browser.waitForText("h1", "Item user:42");
        assertThat(browser.find("#served-by").getText()).isEqualTo("hot");
        assertThat(api.as(tenant, "GET", "/v1/kv/profiles/user:42", null).json().get("plan").asText()).isEqualTo("free");

        WebElement value = browser.field("Value (JSON)");
        value.clear();
        value.sendKeys("{\"plan\": \"pro\"}");
        browser.button("Save").click();
        browser.waitForText(".status-line", "Saved version");
        browser.screenshot("item-saved");
        assertThat(api.as(tenant, "GET", "/v1/kv/profiles/user:42", null).json().get("plan").asText()).isEqualTo("pro");

        // Someone else writes meanwhile: the console's If-Match refuses to overwrite it.
        api.as(tenant, "PUT", "/v1/kv/profiles/user:42", "{\"plan\":\"team\"}");
        value.clear();
        value.sendKeys("{\"plan\": \"mine\"}");
        browser.button("Save").click();
        browser.waitForText(".status-line.error", "Someone changed or deleted this item");
        browser.screenshot("item-conflict");
        assertThat(api.as(tenant, "GET", "/v1/kv/profiles/user:42", null).json().get("plan").asText()).isEqualTo("team");

        browser.driver.navigate().refresh();
        browser.wait.until(d -> browser.field("Value (JSON)").getDomProperty("value").contains("team"));
        browser.button("Delete").click();
        browser.find("dialog[open]");
        browser.screenshot("item-delete-confirm");
        browser.button("Cancel").click();
        assertThat(api.as(tenant, "GET", "/v1/kv/profiles/user:42", null).status()).isEqualTo(200);
        browser.button("Delete").click();
        browser.find("dialog[open]").findElement(By.xpath(".//button[normalize-space()='Delete']")).click();
        browser.waitForText("h1", "Namespace profiles");
        assertThat(api.as(tenant, "GET", "/v1/kv/profiles/user:42", null).status()).isEqualTo(404);
    }

    @Test
    void browsesNamespacesAndPagesOfKeysAndShowsWhichTierServed() {
        for (int i = 0; i < 25; i++) {
            api.as(tenant, "PUT", "/v1/kv/catalog/item-%02d".formatted(i), "{\"n\":" + i + "}");
        }
        api.as(tenant, "PUT", "/v1/kv/other/x", "1");
        browser.signIn(tenant.apiKey());
        browser.waitForText(".namespace-list", "catalog");
        assertThat(browser.all(".namespace-list a")).extracting(WebElement::getText).containsExactly("catalog", "other");
        browser.button("catalog").click();
        browser.waitForText("table.data", "item-19");
        assertThat(browser.all("table.data tbody tr")).hasSize(20);
        browser.screenshot("namespace-page-1");
        browser.button("Next page →").click();
        browser.waitForText("table.data", "item-24");
        assertThat(browser.all("table.data tbody tr")).hasSize(5);
        browser.button("← Previous page").click();
        browser.waitForText("table.data", "item-00");

        // Evicted from the hot tier: the console says the read came from a lower tier.
        SharedServer.get().bean(dev.strata.service.tier.hot.HotTier.class).clear();
        browser.button("item-07").click();
        browser.waitForText("#served-by", "warm");
        browser.screenshot("item-served-by-warm");
    }

    @Test
    void aKeyRevokedDuringTheSessionSignsOutWithAnExplanation() {
        browser.signIn(tenant.apiKey());
        browser.waitForText("#tenant-id", tenant.id());
        String keyId = api.admin("GET", "/v1/admin/tenants/" + tenant.id() + "/keys", null).json().get("keys").get(0).get("id").asText();
        assertThat(api.admin("DELETE", "/v1/admin/tenants/" + tenant.id() + "/keys/" + keyId, null).status()).isEqualTo(204);
        browser.go("#/kv/anything");
        browser.waitForText("#notice", "revoked or expired");
        browser.find("form[aria-labelledby='signin-title']");
        browser.screenshot("revoked-key");
        assertThat(browser.driver.executeScript("return sessionStorage.getItem('strata.apiKey')")).isNull();
    }

    @Test
    void aRateLimitedTenantIsToldToWaitAndForHowLong() {
        String id = "slow-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\",\"rateLimitPerSecond\":2}").status()).isEqualTo(201);
        String key = api.admin("POST", "/v1/admin/tenants/" + id + "/keys", "{\"name\":\"console\"}").json().get("key").asText();
        browser.signIn(key);
        // Spend the tenant's budget (2 requests a second, bursts of 4), then ask the console for a page.
        ApiClient.Tenant slow = new ApiClient.Tenant(id, key);
        for (int i = 0; i < 20; i++) {
            api.as(slow, "GET", "/v1/kv/ns/k" + i, null);
        }
        browser.go("#/kv/anything");
        browser.waitForText("#main", "Too many requests for this tenant; retry in 1 s");
        browser.screenshot("rate-limited");
    }

    @Test
    void statusPageDrawsPerTierChartsAndStoreHealth() {
        api.as(tenant, "PUT", "/v1/kv/s/a", "1");
        api.as(tenant, "GET", "/v1/kv/s/a", null);
        dev.strata.service.stats.StatsSampler sampler = SharedServer.get().bean(dev.strata.service.stats.StatsSampler.class);
        sampler.sampleNow();
        api.as(tenant, "GET", "/v1/kv/s/a", null);
        sampler.sampleNow();
        browser.signIn(tenant.apiKey());
        browser.button("Status").click();
        browser.waitForText("#health-postgresql", "UP");
        browser.waitForText("#health-redis", "UP");
        browser.find("#tier-table");
        // The tenant's own reads: every read asks the hot tier, and this test made at least two.
        String hotReads = browser.find("#tenant-reads-table tbody tr:first-child td:nth-of-type(1)").getText();
        assertThat(browser.find("#tenant-reads-table tbody tr:first-child th").getText()).isEqualTo("hot");
        assertThat(Long.parseLong(hotReads)).isGreaterThanOrEqualTo(2);
        assertThat(browser.all("svg.chart")).hasSize(3);
        assertThat(browser.all("svg.chart path.tier-hot")).isNotEmpty();
        assertThat(browser.all("svg.chart title").get(0).getDomProperty("textContent")).startsWith("Hit ratio: hot");
        browser.screenshot("status");
    }

    @Test
    void theConsoleWorksFromTheKeyboard() {
        browser.go("");
        WebElement key = browser.field("API key");
        browser.wait.until(d -> key.equals(browser.active()) || "signin-title".equals(browser.active().getAttribute("id")));
        // From the heading, Tab reaches the key field; Enter submits the form.
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        if (!key.equals(browser.active())) {
            key.click();
        }
        assertThat(browser.active()).isEqualTo(key);
        new Actions(browser.driver).sendKeys(tenant.apiKey()).sendKeys(Keys.ENTER).perform();
        browser.find("#session");
        browser.wait.until(d -> "H1".equals(browser.active().getTagName().toUpperCase()));
        assertThat(browser.active().getText()).isEqualTo("Namespaces");

        // The skip link comes before the navigation and moves focus to the content.
        browser.driver.executeScript("document.querySelector('#sections a').focus()");
        new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(browser.active().getText()).isEqualTo("Skip to content");
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        assertThat(browser.active().getAttribute("id")).isEqualTo("main");
        browser.driver.executeScript("document.querySelector('#skip-link').focus()");
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        assertThat(browser.active().getText()).isEqualTo("Keys");
        new Actions(browser.driver).sendKeys(Keys.TAB).sendKeys(Keys.TAB).perform();
        assertThat(browser.active().getText()).isEqualTo("Status");
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Status"));
        assertThat(browser.active().getText()).isEqualTo("Status");
        assertThat(browser.find("a[aria-current='page']").getText()).isEqualTo("Status");
        browser.screenshot("keyboard-status");
    }
}
