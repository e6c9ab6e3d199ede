package dev.strata.infra.network;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;
import dev.strata.infra.plan.ShippedStacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkTest {
    @Test
    void prodSpansThreeZonesWithANatGatewayPerZone() {
        RecordedStack prod = ShippedStacks.prod();

        assertThat(subnets(prod, "-public-")).hasSize(3);
        assertThat(subnets(prod, "-private-")).hasSize(3);
        assertThat(subnets(prod, "-private-")).extracting(s -> s.text("availabilityZone"))
                .containsExactlyInAnyOrder("eu-west-1a", "eu-west-1b", "eu-west-1c");
        assertThat(prod.ofType("aws:ec2/natGateway:NatGateway")).hasSize(3);
        // Each private route table leaves through the NAT gateway of its own zone.
        for (int zone = 0; zone < 3; zone++) {
            assertThat(prod.named("network-private-default-" + zone).text("natGatewayId"))
                    .isEqualTo("network-nat-" + zone + "-id");
        }
    }

    @Test
    void devSharesOneNatGatewayAcrossTwoZones() {
        RecordedStack dev = ShippedStacks.dev();

        assertThat(subnets(dev, "-private-")).hasSize(2);
        assertThat(dev.ofType("aws:ec2/natGateway:NatGateway")).hasSize(1);
        assertThat(dev.ofType("aws:ec2/route:Route")).filteredOn(r -> r.name().contains("private"))
                .extracting(r -> r.text("natGatewayId")).containsOnly("network-nat-0-id");
    }

    @Test
    void subnetsDoNotOverlapAndNeverAssignPublicAddresses() {
        List<RecordedResource> subnets = ShippedStacks.prod().ofType("aws:ec2/subnet:Subnet");

        assertThat(subnets).extracting(s -> s.text("cidrBlock")).doesNotHaveDuplicates()
                .allMatch(cidr -> cidr.startsWith("10.40.") && cidr.endsWith("/20"));
        assertThat(subnets).allMatch(s -> s.input("mapPublicIpOnLaunch").orElseThrow().equals(false));
    }

    @Test
    void flowLogsAndALockedDefaultSecurityGroup() {
        RecordedStack prod = ShippedStacks.prod();

        var flowLog = prod.single("aws:ec2/flowLog:FlowLog");
        assertThat(flowLog.text("logDestination")).startsWith("arn:aws:s3:::strata-prod-logs-").endsWith("/vpc-flow-logs/");
        assertThat(flowLog.text("trafficType")).isEqualTo("ALL");
        var defaultGroup = prod.single("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assertThat(defaultGroup.input("ingress")).isEmpty();
        assertThat(defaultGroup.input("egress")).isEmpty();
    }

    @Test
    void layoutCarvesSlash20sFromTheVpc() {
        assertThat(SubnetLayout.publicCidr(40, 2)).isEqualTo("10.40.32.0/20");
        assertThat(SubnetLayout.privateCidr(40, 0)).isEqualTo("10.40.128.0/20");
    }

    private static List<RecordedResource> subnets(RecordedStack stack, String tier) {
        return stack.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains(tier)).toList();
    }
}
