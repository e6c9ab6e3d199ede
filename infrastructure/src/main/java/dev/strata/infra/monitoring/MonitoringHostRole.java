package dev.strata.infra.monitoring;

import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.strata.infra.aws.PolicyJson;
import dev.strata.infra.storage.ArtifactKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * The monitoring host's role: SSM, EC2 discovery (Describe* calls, which IAM cannot scope to resources),
 * read access to {@code monitoring/} in the artefact bucket and to the secrets it needs.
 */
record MonitoringHostRole(Output<String> profileName) {
    static MonitoringHostRole create(Resource owner, String name, MonitoringArgs args, List<Output<String>> secretArns) {
        var role = new Role(name + "-role", RoleArgs.builder()
                .description("Strata monitoring host")
                .assumeRolePolicy(PolicyJson.assumableBy("ec2.amazonaws.com"))
                .build(), childOf(owner));
        new RolePolicyAttachment(name + "-ssm", RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore").build(),
                childOf(owner));
        Output<String> policy = Output.tuple(args.artifacts().bucketArn(), Output.all(secretArns))
                .applyValue(t -> PolicyJson.document()
                        .allow("DiscoverAppHosts", List.of("ec2:DescribeInstances", "ec2:DescribeAvailabilityZones"),
                                List.of("*"))
                        .allow("ReadMonitoringConfig", List.of("s3:GetObject"),
                                List.of(t.t1 + "/" + ArtifactKeys.MONITORING_PREFIX + "*"))
                        .allow("ListMonitoringConfig", List.of("s3:ListBucket"), List.of(t.t1),
                                Map.of("StringLike", Map.of("s3:prefix", List.of(ArtifactKeys.MONITORING_PREFIX + "*"))))
                        .allow("ReadOwnSecrets", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                                new ArrayList<>(t.t2))
                        .toJson());
        new RolePolicy(name + "-access", RolePolicyArgs.builder().role(role.name()).policy(policy).build(),
                childOf(owner));
        var profile = new InstanceProfile(name + "-profile", InstanceProfileArgs.builder().role(role.name()).build(),
                childOf(owner));
        return new MonitoringHostRole(profile.name());
    }
}
