package dev.strata.infra.plan;

import com.pulumi.test.Mocks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Stands in for AWS: every resource's state is its inputs plus the provider-computed properties the
 * program reads (ids, ARNs, names, endpoints). Deterministic, so the plan can be compared to a golden
 * copy. Strict: a resource type or function it was not taught fails loudly, because an untaught
 * computed property would silently turn the inputs built from it into nothing.
 */
final class AwsMocks implements Mocks {
    static final String ACCOUNT = "123456789012";
    static final String MOCK_AMI = "ami-0123456789abcdef0";
    private final String region;
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> computed = new HashMap<>();

    AwsMocks(String region) {
        this.region = region;
        for (String plain : List.of("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/flowLog:FlowLog",
                "aws:ec2/internetGateway:InternetGateway", "aws:ec2/routeTable:RouteTable", "aws:ec2/route:Route",
                "aws:ec2/subnet:Subnet", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/eip:Eip",
                "aws:ec2/natGateway:NatGateway", "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/vpc:Vpc",
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "aws:s3/bucketVersioningV2:BucketVersioningV2",
                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketLoggingV2:BucketLoggingV2",
                "aws:s3/bucketObjectv2:BucketObjectv2", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "aws:iam/rolePolicy:RolePolicy", "aws:rds/subnetGroup:SubnetGroup",
                "aws:rds/parameterGroup:ParameterGroup", "aws:elasticache/subnetGroup:SubnetGroup",
                "aws:elasticache/parameterGroup:ParameterGroup", "aws:cloudwatch/logGroup:LogGroup",
                "aws:secretsmanager/secretVersion:SecretVersion", "aws:lb/listener:Listener",
                "aws:autoscaling/policy:Policy")) {
            computed.put(plain, inputs -> Map.of());
        }
        computed.put("aws:s3/bucketV2:BucketV2", inputs -> {
            String bucket = inputs.getOrDefault("bucketPrefix", "bucket-") + "20261122mock";
            return Map.of("bucket", bucket, "arn", "arn:aws:s3:::" + bucket);
        });
        computed.put("aws:iam/role:Role", inputs -> Map.of());
        computed.put("aws:iam/instanceProfile:InstanceProfile", inputs -> Map.of());
        computed.put("aws:secretsmanager/secret:Secret", inputs -> Map.of());
        computed.put("aws:rds/instance:Instance", inputs -> {
            String address = inputs.get("identifier") + ".abcdefghijkl." + region + ".rds.amazonaws.com";
            return Map.of("address", address, "endpoint", address + ":5432", "port", 5432,
                    "masterUserSecrets", List.of(Map.of(
                            "secretArn", arn("secretsmanager", "secret:rds!db-mock-AbCdEf"),
                            "secretStatus", "active", "kmsKeyId", arn("kms", "key/mock"))));
        });
        computed.put("aws:elasticache/replicationGroup:ReplicationGroup", inputs -> Map.of(
                "primaryEndpointAddress", "master." + inputs.get("replicationGroupId") + ".abcdef.euw1.cache.amazonaws.com"));
        computed.put("aws:ec2/launchTemplate:LaunchTemplate", inputs -> Map.of("latestVersion", 1));
        computed.put("aws:autoscaling/group:Group", inputs -> Map.of("name", inputs.get("namePrefix") + "20261122mock"));
        computed.put("aws:lb/loadBalancer:LoadBalancer", inputs -> Map.of(
                "dnsName", inputs.get("name") + "-1234567890." + region + ".elb.amazonaws.com",
                "arnSuffix", "app/" + inputs.get("name") + "/0123456789abcdef"));
        computed.put("aws:lb/targetGroup:TargetGroup", inputs -> Map.of(
                "arnSuffix", "targetgroup/" + inputs.get("name") + "/0123456789abcdef"));
        computed.put("aws:ec2/instance:Instance", inputs -> Map.of("privateIp", "10.40.128.10"));
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (args.type.startsWith("strata:")) {
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), Map.of()));
        }
        if (args.type.startsWith("pulumi:providers:")) {
            return done(args.name + "-id", Map.of());
        }
        var extra = computed.get(args.type);
        if (extra == null) {
            throw new IllegalStateException("AwsMocks does not know " + args.type
                    + ": add the provider-computed outputs the program reads from it");
        }
        Map<String, Object> state = new HashMap<>(args.inputs);
        // Every AWS resource has an id and an ARN, and a name when AWS generates one.
        state.put("arn", arn(service(args.type), args.name));
        state.putIfAbsent("name", args.name + "-20261122mock");
        state.putAll(extra.apply(args.inputs));
        return done(args.name + "-id", state);
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> Map.of(
                    "id", region, "names", List.of(region + "a", region + "b", region + "c"),
                    "zoneIds", List.of("euw1-az1", "euw1-az2", "euw1-az3"), "groupNames", List.of(region));
            case "aws:ssm/getParameter:getParameter" -> Map.of("arn", arn("ssm", "parameter" + args.args.get("name")),
                    "id", args.args.get("name"), "name", args.args.get("name"), "type", "String",
                    "value", MOCK_AMI, "insecureValue", MOCK_AMI, "version", 1, "withDecryption", true);
            case "aws:elb/getServiceAccount:getServiceAccount" -> Map.of(
                    "id", "156460612806", "arn", "arn:aws:iam::156460612806:root");
            default -> throw new IllegalStateException("AwsMocks does not know the function " + args.token);
        };
        return CompletableFuture.completedFuture(result);
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
    }

    private static String service(String type) {
        return type.substring(type.indexOf(':') + 1, type.indexOf('/'));
    }

    private static CompletableFuture<ResourceResult> done(String id, Map<String, Object> state) {
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }
}
