package dev.strata.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Tenant;
import dev.strata.service.support.SharedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * A fresh browser and tenant per test against the shared server (PostgreSQL + Redis). After each
 * test the last screen is saved and the page must have logged no CSP violation or script error.
 */
abstract class BrowserTestBase {

    static ApiClient api;
    Browser browser;
    Tenant tenant;

    @BeforeAll
    static void startServer() {
        api = SharedServer.get().client();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(api.baseUrl());
        tenant = api.newTenant();
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        if (browser != null) {
            // Always kept: the last screen of every test, failed or not, is the first thing to look at.
            browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName());
            try {
                assertThat(browser.severeConsoleMessages()).as("CSP violations or script errors").isEmpty();
            } finally {
                browser.close();
            }
        }
    }
}
