package dev.strata.infra.fleet;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.Policy;
import com.pulumi.aws.autoscaling.PolicyArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshPreferencesArgs;
import com.pulumi.aws.autoscaling.inputs.GroupLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.autoscaling.inputs.PolicyTargetTrackingConfigurationArgs;
import com.pulumi.aws.autoscaling.inputs.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMonitoringArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.infra.aws.StoredSecret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * The app hosts: a launch template (IMDSv2 only, encrypted root volume, no public address, no SSH key:
 * operators use SSM Session Manager) and an Auto Scaling group behind the ALB that replaces instances
 * when the template changes and tracks an average CPU target.
 */
public final class AppFleet extends ComponentResource {
    public static final String TYPE = "strata:infra:AppFleet";
    static final int WARMUP_SECONDS = 300;

    public final Output<String> groupName;
    public final Output<String> adminTokenSecretArn;

    public AppFleet(String name, AppFleetArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var settings = args.settings();
        this.adminTokenSecretArn = StoredSecret.create(this, name + "-admin-token",
                args.namePrefix() + "/admin-token", "Admin token of the Strata server (/v1/admin/**)",
                args.adminToken());
        var role = AppHostRole.create(this, name, args, adminTokenSecretArn);
        // strata:role=app is how Prometheus discovers app hosts (docs/HOST_LAYOUT.md).
        Map<String, String> instanceTags = Map.of("Name", args.namePrefix() + "-app", "strata:role", "app");

        var template = new LaunchTemplate(name + "-template", LaunchTemplateArgs.builder()
                .namePrefix(args.namePrefix() + "-app-")
                .imageId(args.amiId())
                .instanceType(settings.instanceType())
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().arn(role.profileArn()).build())
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled").httpTokens("required")
                        // 1 hop: containers on the host (if any) cannot reach the instance credentials.
                        .httpPutResponseHopLimit(1).instanceMetadataTags("disabled").build())
                .networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                        .deviceIndex(0).associatePublicIpAddress("false").deleteOnTermination("true")
                        .securityGroups(args.securityGroupId().applyValue(List::of)).build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/sda1")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(30).volumeType("gp3").encrypted("true").deleteOnTermination("true")
                                .build())
                        .build())
                .monitoring(LaunchTemplateMonitoringArgs.builder().enabled(true).build())
                .ebsOptimized("true")
                .userData(AppUserData.render(args, adminTokenSecretArn).applyValue(AppFleet::base64))
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance").tags(instanceTags).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume").tags(instanceTags).build())
                .updateDefaultVersion(true)
                .build(), childOf(this));

        var group = new Group(name + "-asg", GroupArgs.builder()
                .namePrefix(args.namePrefix() + "-app-")
                .minSize(settings.minSize()).maxSize(settings.maxSize())
                .vpcZoneIdentifiers(args.subnetIds())
                .targetGroupArns(args.targetGroupArn().applyValue(List::of))
                .healthCheckType("ELB").healthCheckGracePeriod(WARMUP_SECONDS)
                .defaultInstanceWarmup(WARMUP_SECONDS)
                .launchTemplate(GroupLaunchTemplateArgs.builder()
                        .id(template.id())
                        .version(template.latestVersion().applyValue(String::valueOf))
                        .build())
                // A new template version (new release, new AMI, changed user data) rolls the fleet,
                // keeping 90 % healthy and rolling back if the new instances never become healthy.
                .instanceRefresh(GroupInstanceRefreshArgs.builder()
                        .strategy("Rolling")
                        .preferences(GroupInstanceRefreshPreferencesArgs.builder()
                                .minHealthyPercentage(90).instanceWarmup(String.valueOf(WARMUP_SECONDS))
                                .autoRollback(true).build())
                        .build())
                .enabledMetrics("GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances",
                        "GroupTerminatingInstances", "GroupTotalInstances")
                .tags(instanceTags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(tag -> GroupTagArgs.builder().key(tag.getKey()).value(tag.getValue())
                                .propagateAtLaunch(true).build())
                        .toList())
                .build(), childOf(this));

        new Policy(name + "-cpu-target", PolicyArgs.builder()
                .autoscalingGroupName(group.name())
                .policyType("TargetTrackingScaling")
                .estimatedInstanceWarmup(WARMUP_SECONDS)
                .targetTrackingConfiguration(PolicyTargetTrackingConfigurationArgs.builder()
                        .predefinedMetricSpecification(
                                PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs.builder()
                                        .predefinedMetricType("ASGAverageCPUUtilization").build())
                        .targetValue((double) settings.cpuTargetPercent())
                        .build())
                .build(), childOf(this));

        this.groupName = group.name();
        registerOutputs(Map.of("groupName", groupName, "adminTokenSecretArn", adminTokenSecretArn));
    }

    private static String base64(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
    }
}
