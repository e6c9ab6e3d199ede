package dev.strata.infra.loadbalancer;

import dev.strata.infra.plan.RecordedStack;
import dev.strata.infra.plan.ShippedStacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadBalancerTest {
    static final String LISTENER = "aws:lb/listener:Listener";

    @Test
    void productionServesHttpsWithAModernPolicyAndRedirectsHttp() {
        RecordedStack prod = ShippedStacks.prod();

        var https = prod.named("edge-https");
        assertThat(https.number("port")).isEqualTo(443);
        assertThat(https.text("sslPolicy")).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        assertThat(https.text("certificateArn")).startsWith("arn:aws:acm:eu-west-1:123456789012:certificate/");
        var redirect = prod.named("edge-http-redirect");
        assertThat(redirect.text("defaultActions", 0, "type")).isEqualTo("redirect");
        assertThat(redirect.text("defaultActions", 0, "redirect", "protocol")).isEqualTo("HTTPS");
        assertThat(redirect.text("defaultActions", 0, "redirect", "statusCode")).isEqualTo("HTTP_301");
        assertThat(prod.ofType(LISTENER)).hasSize(2);
        assertThat(prod.outputs().get("url")).asString().startsWith("https://");
    }

    @Test
    void devForwardsPlainHttpBecauseItsConfigAllowsIt() {
        RecordedStack dev = ShippedStacks.dev();

        assertThat(dev.ofType(LISTENER)).singleElement().satisfies(listener -> {
            assertThat(listener.name()).isEqualTo("edge-http");
            assertThat(listener.text("protocol")).isEqualTo("HTTP");
            assertThat(listener.text("defaultActions", 0, "type")).isEqualTo("forward");
        });
        assertThat(dev.outputs().get("url")).asString().startsWith("http://");
    }

    @Test
    void albDropsInvalidHeadersLogsAndChecksReadiness() {
        RecordedStack prod = ShippedStacks.prod();
        var alb = prod.single("aws:lb/loadBalancer:LoadBalancer");

        assertThat(alb.isTrue("dropInvalidHeaderFields")).isTrue();
        assertThat(alb.isTrue("internal")).isFalse();
        assertThat(alb.text("accessLogs", "bucket")).startsWith("strata-prod-logs-");
        assertThat(alb.text("subnets")).contains("network-public-0-id").doesNotContain("private");
        assertThat(prod.single("aws:lb/targetGroup:TargetGroup").text("healthCheck", "path"))
                .isEqualTo("/actuator/health/readiness");
    }
}
