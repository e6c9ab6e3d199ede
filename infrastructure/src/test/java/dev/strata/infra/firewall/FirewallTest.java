package dev.strata.infra.firewall;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;
import dev.strata.infra.plan.ShippedStacks;
import dev.strata.infra.plan.StackRun;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FirewallTest {
    static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

    @Test
    void groupsAreChainedByReferenceAlbToAppToData() {
        RecordedStack prod = ShippedStacks.prod();

        assertThat(sources(prod, "firewall-app-id", 80)).containsExactly("firewall-alb-id");
        assertThat(sources(prod, "firewall-db-id", 5432))
                .containsExactlyInAnyOrder("firewall-app-id", "firewall-monitoring-id");
        assertThat(sources(prod, "firewall-redis-id", 6379))
                .containsExactlyInAnyOrder("firewall-app-id", "firewall-monitoring-id");
        for (int metricsPort : List.of(8080, 9100, 9113)) {
            assertThat(sources(prod, "firewall-app-id", metricsPort)).containsExactly("firewall-monitoring-id");
        }
    }

    @Test
    void onlyTheLoadBalancerIsReachableFromTheInternet() {
        List<RecordedResource> open = ShippedStacks.prod().ofType(INGRESS).stream()
                .filter(rule -> rule.input("cidrIpv4").isPresent()).toList();

        assertThat(open).allMatch(rule -> rule.text("securityGroupId").equals("firewall-alb-id"));
        assertThat(open).extracting(rule -> rule.number("fromPort")).containsExactlyInAnyOrder(80L, 443L);
    }

    @Test
    void anAdminCidrOpensGrafanaAndPrometheusToThatNetworkOnly() {
        var config = new HashMap<>(ShippedStacks.config("dev"));
        config.put("strata:adminCidr", "203.0.113.0/24");

        RecordedStack run = StackRun.run("dev", config);

        assertThat(run.errors()).isEmpty();
        var adminRules = run.ofType(INGRESS).stream().filter(r -> r.name().contains("admin")).toList();
        assertThat(adminRules).extracting(r -> r.number("fromPort")).containsExactlyInAnyOrder(3000L, 9090L);
        assertThat(adminRules).allMatch(r -> r.text("cidrIpv4").equals("203.0.113.0/24")
                && r.text("securityGroupId").equals("firewall-monitoring-id"));
        assertThat(ShippedStacks.dev().ofType(INGRESS)).noneMatch(r -> r.name().contains("admin"));
    }

    private static List<String> sources(RecordedStack stack, String target, long port) {
        return stack.ofType(INGRESS).stream()
                .filter(rule -> rule.text("securityGroupId").equals(target) && rule.number("fromPort") == port)
                .map(rule -> rule.text("referencedSecurityGroupId")).toList();
    }
}
