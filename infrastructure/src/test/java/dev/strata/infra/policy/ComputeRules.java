package dev.strata.infra.policy;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.strata.infra.policy.PolicyRule.requires;
import static dev.strata.infra.policy.PolicyRule.rule;

/** Launch template, Auto Scaling group and the monitoring instance. */
final class ComputeRules {
    static final String TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    static final String INSTANCE = "aws:ec2/instance:Instance";
    static final String GROUP = "aws:autoscaling/group:Group";

    private ComputeRules() {
    }

    static List<PolicyRule> rules() {
        return List.of(
                rule("EC2-IMDSV2", "Checkov CKV_AWS_79 / AWS Config ec2-imdsv2-check", TEMPLATE,
                        requires("required", "allows IMDSv1", "metadataOptions", "httpTokens")),
                rule("EC2-IMDSV2", "Checkov CKV_AWS_79 / AWS Config ec2-imdsv2-check", INSTANCE,
                        requires("required", "allows IMDSv1", "metadataOptions", "httpTokens")),
                rule("EC2-IMDS-HOP-LIMIT", "Checkov CKV_AWS_341", TEMPLATE,
                        requires(1L, "lets containers reach instance credentials", "metadataOptions",
                                "httpPutResponseHopLimit")),
                rule("EC2-EBS-ENCRYPTED", "Checkov CKV_AWS_8 / AWS Config encrypted-volumes", TEMPLATE,
                        requires("true", "root volume is not encrypted", "blockDeviceMappings", 0, "ebs", "encrypted")),
                rule("EC2-EBS-ENCRYPTED", "Checkov CKV_AWS_8 / AWS Config encrypted-volumes", INSTANCE,
                        requires(true, "root volume is not encrypted", "rootBlockDevice", "encrypted")),
                rule("EC2-NO-PUBLIC-IP", "Checkov CKV_AWS_88 / AWS Config ec2-instance-no-public-ip", TEMPLATE,
                        requires("false", "gets a public IP", "networkInterfaces", 0, "associatePublicIpAddress")),
                rule("EC2-NO-PUBLIC-IP", "Checkov CKV_AWS_88 / AWS Config ec2-instance-no-public-ip", INSTANCE,
                        requires(false, "gets a public IP", "associatePublicIpAddress")),
                rule("EC2-NO-SSH-KEY", "AWSGuard-style: access through SSM, no key pair (AWS FSBP SSM.1)", TEMPLATE,
                        Map.of("keyName", "ops"), ComputeRules::noKeyPair),
                rule("EC2-NO-SSH-KEY", "AWSGuard-style: access through SSM, no key pair (AWS FSBP SSM.1)", INSTANCE,
                        Map.of("keyName", "ops"), ComputeRules::noKeyPair),
                rule("EC2-DETAILED-MONITORING", "Checkov CKV_AWS_126 / AWS Config ec2-instance-detailed-monitoring-enabled",
                        TEMPLATE, requires(true, "has no detailed monitoring", "monitoring", "enabled")),
                rule("EC2-DETAILED-MONITORING", "Checkov CKV_AWS_126 / AWS Config ec2-instance-detailed-monitoring-enabled",
                        INSTANCE, requires(true, "has no detailed monitoring", "monitoring")),
                rule("EC2-EBS-OPTIMIZED", "Checkov CKV_AWS_135 / AWS Config ebs-optimized-instance", INSTANCE,
                        requires(true, "is not EBS-optimised", "ebsOptimized")),
                rule("EC2-NO-SECRETS-IN-USER-DATA", "Checkov CKV_AWS_46", TEMPLATE, ComputeRules::userDataClean),
                rule("EC2-NO-SECRETS-IN-USER-DATA", "Checkov CKV_AWS_46", INSTANCE, ComputeRules::userDataClean),
                rule("ASG-ELB-HEALTH-CHECK", "Checkov CKV2_AWS_15 / AWS Config autoscaling-group-elb-healthcheck-required",
                        GROUP, requires("ELB", "replaces instances on EC2 status only", "healthCheckType")),
                rule("ASG-LAUNCH-TEMPLATE", "Checkov CKV_AWS_315 / AWS Config autoscaling-launch-template", GROUP,
                        (group, stack) -> group.text("launchTemplate", "id").isBlank()
                                ? Optional.of("does not use a launch template") : Optional.empty()),
                rule("ASG-MULTI-AZ", "AWS Config autoscaling-multiple-az", GROUP,
                        (group, stack) -> group.input("vpcZoneIdentifiers").map(ids -> ((List<?>) ids).size() >= 2)
                                .orElse(false) ? Optional.empty() : Optional.of("spans fewer than two zones")),
                rule("ASG-INSTANCE-REFRESH", "Reliability: roll the fleet when the template changes", GROUP,
                        requires("Rolling", "does not refresh instances on template change", "instanceRefresh",
                                "strategy")),
                rule("ASG-HA-CAPACITY", "AWS Well-Architected REL10: at least two instances", GROUP,
                        (group, stack) -> group.input("minSize").map(n -> ((Number) n).longValue() >= 2).orElse(false)
                                ? Optional.empty() : Optional.of("may run a single instance")));
    }

    private static Optional<String> noKeyPair(RecordedResource resource, RecordedStack stack) {
        return resource.input("keyName").isPresent() ? Optional.of("has an SSH key pair") : Optional.empty();
    }

    /** User data must be plain (not a secret output) and must not contain any stack secret. */
    private static Optional<String> userDataClean(RecordedResource resource, RecordedStack stack) {
        String raw = resource.text("userData");
        if (raw.isBlank() || raw.equals("[secret]")) {
            return Optional.of("user data is missing or derived from a secret");
        }
        String script = resource.type().equals(TEMPLATE)
                ? new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8) : raw;
        return script.contains("planPlaceholder") ? Optional.of("user data contains a secret value") : Optional.empty();
    }
}
