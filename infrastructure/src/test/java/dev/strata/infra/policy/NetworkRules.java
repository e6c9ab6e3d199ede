package dev.strata.infra.policy;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.strata.infra.policy.PolicyRule.rule;

/** VPC, subnets and security groups. */
final class NetworkRules {
    static final String VPC = "aws:ec2/vpc:Vpc";
    static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    private static final String ANYWHERE = "0.0.0.0/0";

    private NetworkRules() {
    }

    static List<PolicyRule> rules() {
        return List.of(
                rule("VPC-FLOW-LOGS", "Checkov CKV2_AWS_11 / AWS Config vpc-flow-logs-enabled", VPC,
                        (vpc, stack) -> stack.ofType("aws:ec2/flowLog:FlowLog").stream()
                                .anyMatch(log -> log.text("vpcId").equals(Related.idOf(vpc))
                                        && log.text("trafficType").equals("ALL"))
                                ? Optional.empty() : Optional.of("has no flow log of all traffic")),
                rule("VPC-DEFAULT-SG-CLOSED", "Checkov CKV2_AWS_12 / AWS Config vpc-default-security-group-closed",
                        VPC, NetworkRules::defaultGroupClosed),
                rule("VPC-NAT-PER-AZ", "AWS Well-Architected REL10 (no single-zone egress)", VPC,
                        (vpc, stack) -> {
                            long zones = stack.ofType("aws:ec2/subnet:Subnet").stream()
                                    .filter(subnet -> subnet.name().contains("-private-")).count();
                            long nats = stack.ofType("aws:ec2/natGateway:NatGateway").size();
                            return zones > 0 && nats >= zones ? Optional.empty()
                                    : Optional.of(nats + " NAT gateway(s) for " + zones + " private zones");
                        }),
                rule("SUBNET-NO-AUTO-PUBLIC-IP", "Checkov CKV_AWS_130 / AWS Config subnet-auto-assign-public-ip-disabled",
                        "aws:ec2/subnet:Subnet", Map.of("mapPublicIpOnLaunch", true),
                        PolicyRule.requires(false, "assigns public IPs on launch", "mapPublicIpOnLaunch")),
                rule("SG-DESCRIPTION", "Checkov CKV_AWS_23", "aws:ec2/securityGroup:SecurityGroup",
                        NetworkRules::described),
                rule("SG-INGRESS-DESCRIPTION", "Checkov CKV_AWS_23", INGRESS, NetworkRules::described),
                rule("SG-EGRESS-DESCRIPTION", "Checkov CKV_AWS_23", EGRESS, NetworkRules::described),
                rule("SG-NO-INTERNET-INGRESS", "Checkov CKV_AWS_260 / CKV_AWS_24 / AWS Config restricted-common-ports",
                        INGRESS, Map.of("cidrIpv4", ANYWHERE, "fromPort", 22L, "toPort", 22L, "description", "x"),
                        (rule, stack) -> rule.text("cidrIpv4").equals(ANYWHERE)
                                ? Optional.of("is open to the internet on port " + rule.text("fromPort"))
                                : Optional.empty()),
                rule("SG-SINGLE-PORT", "Checkov CKV_AWS_277 (no all-ports rules)", INGRESS,
                        Map.of("ipProtocol", "-1", "description", "x"), NetworkRules::singleTcpPort),
                rule("SG-EGRESS-SINGLE-PORT", "Checkov CKV_AWS_382 (no unrestricted egress)", EGRESS,
                        Map.of("ipProtocol", "-1", "cidrIpv4", ANYWHERE, "description", "x"), NetworkRules::singleTcpPort),
                rule("SG-NO-INTERNET-EGRESS", "Checkov CKV_AWS_382", EGRESS,
                        Map.of("cidrIpv4", ANYWHERE, "description", "x"),
                        (rule, stack) -> rule.text("cidrIpv4").equals(ANYWHERE)
                                ? Optional.of("may reach the internet on port " + rule.text("fromPort"))
                                : Optional.empty()));
    }

    private static Optional<String> defaultGroupClosed(RecordedResource vpc, RecordedStack stack) {
        return stack.ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").stream()
                .filter(group -> group.text("vpcId").equals(Related.idOf(vpc)))
                .filter(group -> group.input("ingress").map(list -> ((List<?>) list).isEmpty()).orElse(true)
                        && group.input("egress").map(list -> ((List<?>) list).isEmpty()).orElse(true))
                .findFirst().isPresent() ? Optional.empty() : Optional.of("leaves the default security group open");
    }

    private static Optional<String> described(RecordedResource resource, RecordedStack stack) {
        return resource.text("description").isBlank() ? Optional.of("has no description") : Optional.empty();
    }

    private static Optional<String> singleTcpPort(RecordedResource rule, RecordedStack stack) {
        boolean single = rule.text("ipProtocol").equals("tcp") && rule.input("fromPort").isPresent()
                && rule.text("fromPort").equals(rule.text("toPort"));
        return single ? Optional.empty() : Optional.of("is not limited to one TCP port");
    }
}
