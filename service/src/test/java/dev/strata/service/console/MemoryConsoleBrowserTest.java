package dev.strata.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.SharedServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The console's semantic-memory views in headless Chromium against the real memory endpoints. */
class MemoryConsoleBrowserTest extends BrowserTestBase {

    private void remember(String userId, String text, String topic) {
        var created = api.as(tenant, "POST", "/v1/memories",
                "{\"userId\":\"" + userId + "\",\"text\":\"" + text + "\",\"topics\":[\"" + topic + "\"]}");
        assertThat(created.status()).as(created.body()).isIn(200, 201);
    }

    @Test
    void searchShowsTheUsersMemoriesByMeaningWithScoresAndOpensOne() {
        remember("alice", "Alice is allergic to peanuts", "health");
        remember("alice", "Alice prefers window seats on long flights", "travel");
        remember("bob", "Bob is allergic to shellfish", "health");
        browser.signIn(tenant.apiKey());
        browser.button("Memories").click();
        browser.field("User id").sendKeys("alice");
        browser.button("Open user").click();
        browser.waitForText("h1", "User alice");
        browser.button("Search").click();
        browser.field("Query").sendKeys("which foods can she not eat?");
        browser.find("details summary").click();
        WebElement topK = browser.field("Results (topK)");
        topK.clear();
        topK.sendKeys("5");
        browser.driver.findElement(org.openqa.selenium.By.cssSelector("form[role='search'] button[type='submit']")).click();
        browser.waitForText("#search-results", "peanuts");
        var rows = browser.all("#search-results tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("peanuts");
        assertThat(browser.find("#search-results").getText()).doesNotContain("Bob", "shellfish");
        double score = Double.parseDouble(rows.get(0).findElements(org.openqa.selenium.By.cssSelector("td.score")).get(0).getText());
        assertThat(score).isGreaterThan(0);
        browser.screenshot("memory-search");

        browser.button("Alice is allergic to peanuts").click();
        browser.waitForText("#main", "History");
        assertThat(browser.find("#main").getText()).contains("health");
        browser.screenshot("memory-detail");
    }

    @Test
    void badSearchInputIsExplainedWithoutCallingTheServer() {
        browser.signIn(tenant.apiKey());
        browser.go("#/memory/alice/search");
        browser.field("Query").sendKeys("anything");
        browser.find("details summary").click();
        WebElement topK = browser.field("Results (topK)");
        topK.clear();
        topK.sendKeys("5000");
        browser.driver.findElement(org.openqa.selenium.By.cssSelector("form[role='search'] button[type='submit']")).click();
        browser.waitForText(".status-line.error", "Results must be a whole number from 1 to 100");
    }

    @Test
    void browsesSessionsAndMemoriesAssemblesContextExportsAndErasesAUser() {
        remember("carol", "Carol lives in Lisbon and works as a nurse", "profile");
        var message = api.as(tenant, "POST", "/v1/sessions/chat-1/messages",
                "{\"userId\":\"carol\",\"role\":\"user\",\"content\":\"Can you suggest a weekend trip from Lisbon?\"}");
        assertThat(message.status()).as(message.body()).isEqualTo(201);
        browser.signIn(tenant.apiKey());
        browser.go("#/memory/carol/memories");
        browser.waitForText("#memory-table", "Carol lives in Lisbon");
        browser.waitForText("#user-summary", "memories");
        browser.screenshot("memory-list");

        browser.button("Sessions").click();
        browser.button("chat-1").click();
        browser.waitForText("#main", "weekend trip");
        browser.screenshot("memory-session");

        browser.button("Context").click();
        browser.field("Query").sendKeys("where does she live?");
        browser.button("Assemble context").click();
        browser.waitForText("#context-result", "Assembled context");
        assertThat(browser.find("#context-result").getText()).contains("Lisbon");
        browser.screenshot("memory-context");

        browser.button("Export").click();
        browser.button("Export as JSON Lines").click();
        browser.waitForText(".status-line.ok", "records exported");
        assertThat(browser.find("#export-download").getAttribute("download")).isEqualTo("strata-user-carol.jsonl");
        assertThat(browser.find("pre.json").getText()).contains("\"type\":\"memory\"", "Carol lives in Lisbon");

        browser.button("Erase user").click();
        browser.button("Erase user carol").click();
        WebElement dialog = browser.find("dialog[open]");
        WebElement confirm = dialog.findElement(org.openqa.selenium.By.xpath(".//button[normalize-space()='Erase everything']"));
        assertThat(confirm.isEnabled()).as("enabled before the user id is typed").isFalse();
        dialog.findElement(org.openqa.selenium.By.cssSelector("input")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.waitForText(".status-line.ok", "Nothing was erased");
        assertThat(api.as(tenant, "GET", "/v1/users/carol/summary", null).json().get("counts").get("memories").asInt()).isEqualTo(1);

        browser.button("Erase user carol").click();
        dialog = browser.find("dialog[open]");
        dialog.findElement(org.openqa.selenium.By.cssSelector("input")).sendKeys("carol");
        browser.screenshot("memory-erase-confirm");
        dialog.findElement(org.openqa.selenium.By.xpath(".//button[normalize-space()='Erase everything']")).click();
        browser.waitForText("#erase-receipt", "Deletion receipt");
        assertThat(browser.find("#erase-receipt").getText()).contains("tiers.durable.memories", "remaining.memories");
        assertThat(browser.active().getText()).isEqualTo("Deletion receipt");
        browser.screenshot("memory-erase-receipt");
        var counts = api.as(tenant, "GET", "/v1/users/carol/summary", null).json().get("counts");
        counts.forEach(count -> assertThat(count.asInt()).isZero());
    }

    @Test
    void markupInStoredTextIsShownAsTextNeverRun() {
        remember("mallory", "<img src=x onerror=window.pwned=1> likes tea", "prefs");
        browser.signIn(tenant.apiKey());
        browser.go("#/memory/mallory/memories");
        browser.waitForText("#memory-table", "<img src=x onerror=window.pwned=1> likes tea");
        assertThat(browser.all("#memory-table img")).isEmpty();
        assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }
}
