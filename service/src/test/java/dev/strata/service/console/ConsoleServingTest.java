package dev.strata.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.service.support.ApiClient;
import dev.strata.service.support.ApiClient.Response;
import dev.strata.service.support.SharedServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded server serves the console without a key, with its security headers; the API keeps its auth. */
class ConsoleServingTest {

    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        api = SharedServer.get().client();
    }

    @Test
    void consoleFilesAreServedWithoutAuthAndWithAStrictPolicy() {
        for (String path : List.of("/", "/index.html", "/assets/console.css", "/assets/js/main.js", "/assets/js/views/kv.js")) {
            Response response = api.send("GET", path, null, null);
            assertThat(response.status()).as(path).isEqualTo(200);
            String csp = response.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                    "connect-src 'self'", "frame-ancestors 'none'");
            assertThat(csp).as(path).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(api.send("GET", "/", null, null).body()).contains("<title>Strata console</title>");
        assertThat(api.send("GET", "/assets/js/main.js", null, null).header("Content-Type")).startsWith("text/javascript");
    }

    @Test
    void consolePagesLoadNothingFromOtherOriginsAndHaveNoInlineCode() {
        String html = api.send("GET", "/index.html", null, null).body();
        assertThat(html).doesNotContain("http://", "https://", "style=", "onclick", "<style");
        assertThat(html).containsPattern("<script type=\"module\" src=\"assets/js/main.js\"></script>");
    }

    @Test
    void theApiKeepsItsOwnHeadersAndAuth() {
        Response api401 = api.send("GET", "/v1/kv/ns/k", null, null);
        assertThat(api401.status()).isEqualTo(401);
        assertThat(api401.header("Content-Security-Policy")).isNull();
        Response missing = api.send("GET", "/assets/nope.js", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Security-Policy")).isNotNull();
    }
}
