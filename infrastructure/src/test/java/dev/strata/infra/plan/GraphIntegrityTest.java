package dev.strata.infra.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorded graph is complete and shaped as the components promise: no input left unknown or
 * silently dropped (a computed property missing from the mocks would drop every input built from it),
 * every cloud resource parented to a component and named after it.
 */
class GraphIntegrityTest {
    /** Inputs built from other resources' computed properties; a missing one means broken wiring. */
    static final Map<String, List<String>> WIRED_INPUTS = Map.ofEntries(
            entry("aws:ec2/subnet:Subnet", List.of("vpcId", "availabilityZone")),
            entry("aws:ec2/routeTable:RouteTable", List.of("vpcId")),
            entry("aws:ec2/route:Route", List.of("routeTableId")),
            entry("aws:ec2/routeTableAssociation:RouteTableAssociation", List.of("subnetId", "routeTableId")),
            entry("aws:ec2/natGateway:NatGateway", List.of("allocationId", "subnetId")),
            entry("aws:ec2/eip:Eip", List.of("domain")),
            entry("aws:ec2/internetGateway:InternetGateway", List.of("vpcId")),
            entry("aws:ec2/flowLog:FlowLog", List.of("vpcId", "logDestination")),
            entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", List.of("vpcId")),
            entry("aws:ec2/vpc:Vpc", List.of("cidrBlock")),
            entry("aws:ec2/securityGroup:SecurityGroup", List.of("vpcId")),
            entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", List.of("securityGroupId")),
            entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", List.of("securityGroupId")),
            entry("aws:s3/bucketV2:BucketV2", List.of("bucketPrefix")),
            entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", List.of("bucket")),
            entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", List.of("bucket")),
            entry("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    List.of("bucket")),
            entry("aws:s3/bucketVersioningV2:BucketVersioningV2", List.of("bucket")),
            entry("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", List.of("bucket")),
            entry("aws:s3/bucketPolicy:BucketPolicy", List.of("bucket", "policy")),
            entry("aws:s3/bucketLoggingV2:BucketLoggingV2", List.of("bucket", "targetBucket")),
            entry("aws:s3/bucketObjectv2:BucketObjectv2", List.of("bucket", "key", "source")),
            entry("aws:iam/role:Role", List.of("assumeRolePolicy")),
            entry("aws:iam/rolePolicy:RolePolicy", List.of("role", "policy")),
            entry("aws:iam/rolePolicyAttachment:RolePolicyAttachment", List.of("role", "policyArn")),
            entry("aws:iam/instanceProfile:InstanceProfile", List.of("role")),
            entry("aws:rds/subnetGroup:SubnetGroup", List.of("subnetIds")),
            entry("aws:rds/parameterGroup:ParameterGroup", List.of("parameters")),
            entry("aws:rds/instance:Instance", List.of("dbSubnetGroupName", "vpcSecurityGroupIds",
                    "parameterGroupName", "monitoringRoleArn")),
            entry("aws:elasticache/subnetGroup:SubnetGroup", List.of("subnetIds")),
            entry("aws:elasticache/parameterGroup:ParameterGroup", List.of("parameters")),
            entry("aws:elasticache/replicationGroup:ReplicationGroup", List.of("subnetGroupName",
                    "securityGroupIds", "parameterGroupName", "authToken", "logDeliveryConfigurations")),
            entry("aws:cloudwatch/logGroup:LogGroup", List.of("name")),
            entry("aws:secretsmanager/secret:Secret", List.of("name")),
            entry("aws:secretsmanager/secretVersion:SecretVersion", List.of("secretId", "secretString")),
            entry("aws:ec2/launchTemplate:LaunchTemplate", List.of("imageId", "iamInstanceProfile", "userData",
                    "networkInterfaces")),
            entry("aws:autoscaling/group:Group", List.of("vpcZoneIdentifiers", "targetGroupArns", "launchTemplate")),
            entry("aws:autoscaling/policy:Policy", List.of("autoscalingGroupName")),
            entry("aws:lb/loadBalancer:LoadBalancer", List.of("subnets", "securityGroups", "accessLogs")),
            entry("aws:lb/targetGroup:TargetGroup", List.of("vpcId")),
            entry("aws:lb/listener:Listener", List.of("loadBalancerArn", "defaultActions")),
            entry("aws:ec2/instance:Instance", List.of("ami", "subnetId", "vpcSecurityGroupIds",
                    "iamInstanceProfile", "userData")));

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWiredInputIsPresentAndKnown(String stackName) {
        RecordedStack stack = stack(stackName);

        assertThat(stack.cloudResources()).allSatisfy(resource -> {
            assertThat(WIRED_INPUTS).as("wiring table covers " + resource.type()).containsKey(resource.type());
            assertThat(resource.inputs()).as(resource.name()).containsKeys(
                    WIRED_INPUTS.get(resource.type()).toArray(String[]::new));
            assertThat(resource.inputs().toString()).as(resource.name()).doesNotContain(StructValues.UNKNOWN);
        });
        assertThat(stack.single("aws:ec2/launchTemplate:LaunchTemplate").text("launchTemplate", "version")).isEmpty();
        assertThat(stack.single("aws:autoscaling/group:Group").text("launchTemplate", "version")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCloudResourceIsAChildOfAComponentNamedAfterIt(String stackName) {
        RecordedStack stack = stack(stackName);
        Map<String, RecordedResource> byUrn = stack.resources().stream()
                .collect(Collectors.toMap(RecordedResource::urn, r -> r));

        assertThat(stack.cloudResources()).allSatisfy(resource -> {
            RecordedResource parent = byUrn.get(resource.parent());
            assertThat(parent).as("parent of " + resource.name()).isNotNull();
            assertThat(parent.type()).startsWith("strata:infra:");
            assertThat(resource.name()).startsWith(parent.name() + "-");
        });
        Set<String> components = stack.resources().stream().filter(r -> r.type().startsWith("strata:infra:"))
                .map(RecordedResource::type).collect(Collectors.toSet());
        assertThat(components).containsExactlyInAnyOrder("strata:infra:Network", "strata:infra:Firewall",
                "strata:infra:LogArchive", "strata:infra:ArtifactBucket", "strata:infra:Database",
                "strata:infra:Cache", "strata:infra:LoadBalancer", "strata:infra:AppFleet", "strata:infra:Monitoring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCloudResourceUsesTheExplicitTaggedProvider(String stackName) {
        RecordedStack stack = stack(stackName);
        RecordedResource provider = stack.single("pulumi:providers:aws");

        assertThat(provider.text("region")).isEqualTo("eu-west-1");
        assertThat(stack.cloudResources()).allSatisfy(resource -> assertThat(resource.provider())
                .as(resource.name()).startsWith(provider.urn() + "::"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void outputsAreArnsAndEndpointsNeverSecretValues(String stackName) {
        RecordedStack stack = stack(stackName);

        assertThat(stack.outputs()).containsKeys("loadBalancerDnsName", "monitoringAccess", "databaseEndpoint",
                "redisEndpoint", "databaseSecretArn", "redisAuthTokenSecretArn", "adminTokenSecretArn",
                "grafanaAdminPasswordSecretArn");
        assertThat(stack.outputs().values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain("planPlaceholder").isNotEqualTo(StructValues.SECRET).isNotBlank());
        assertThat(stack.outputs()).allSatisfy((key, value) -> {
            if (key.endsWith("SecretArn")) {
                assertThat(value).asString().startsWith("arn:aws:secretsmanager:");
            }
        });
    }

    private static RecordedStack stack(String name) {
        return name.equals("dev") ? ShippedStacks.dev() : ShippedStacks.prod();
    }
}
