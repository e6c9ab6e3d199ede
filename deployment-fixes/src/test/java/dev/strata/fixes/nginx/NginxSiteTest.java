package dev.strata.fixes.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.fixes.config.FixConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxSiteTest {

    private final NginxSite site = new NginxSite(Path.of("strata.conf"), SiteTemplate.render(FixConfig.defaults()).lines().toList());

    @Test
    void templateProxiesApiAndActuatorToTheBackendPortAndServesCurrent() {
        assertThat(site.proxyTargets()).extracting(NginxSite.ProxyTarget::port).containsExactly(8080, 8080, 8080);
        assertThat(site.root()).map(NginxSite.Root::value).contains("/opt/strata/console/current");
    }

    @Test
    void portEditTouchesOnlyProxyPassLines() {
        String edited = site.withProxyPort(9999);
        String original = String.join("\n", site.lines()) + "\n";
        assertThat(edited.replace(":9999", ":8080")).isEqualTo(original);
        assertThat(edited).contains("listen 127.0.0.1:8081;");
    }

    @Test
    void anInstalledKnownGoodSiteWinsOverTheBuiltInTemplate(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path installed = dir.resolve("strata.conf");
        java.nio.file.Files.writeString(installed, "server { listen 80; }\n");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("nginx.site-template", installed.toString());
        assertThat(SiteTemplate.render(FixConfig.of(p))).isEqualTo("server { listen 80; }\n");

        p.setProperty("nginx.site-template", dir.resolve("missing.conf").toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SiteTemplate.render(FixConfig.of(p)))
                .hasMessageContaining("nginx.site-template=" + dir.resolve("missing.conf"));
    }

    @Test
    void rootEditKeepsIndentationAndSemicolon() {
        int line = site.root().orElseThrow().line();
        assertThat(site.withRoot(line, "/srv/x")).contains("    root /srv/x;\n");
    }
}
