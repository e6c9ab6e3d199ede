package dev.strata.infra.fleet;

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

import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * The app hosts' instance role: SSM Session Manager, read-only access to this release's artefacts and
 * read access to exactly the three secrets the environment file is built from. Nothing else.
 */
record AppHostRole(Output<String> profileArn) {
    static final String SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

    static AppHostRole create(Resource owner, String name, AppFleetArgs args, Output<String> adminSecretArn) {
        var role = new Role(name + "-role", RoleArgs.builder()
                .description("Strata app hosts")
                .assumeRolePolicy(PolicyJson.assumableBy("ec2.amazonaws.com"))
                .build(), childOf(owner));
        new RolePolicyAttachment(name + "-ssm", RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn(SSM_CORE).build(), childOf(owner));
        var keys = args.artifacts().keys();
        var data = args.data();
        Output<String> policy = Output.tuple(args.artifacts().bucketArn(), data.databaseSecretArn(),
                data.redisSecretArn(), adminSecretArn).applyValue(t -> PolicyJson.document()
                .allow("ReadRelease", List.of("s3:GetObject"), List.of(t.t1 + "/" + keys.releasePrefix() + "*"))
                .allow("ListConsoleFiles", List.of("s3:ListBucket"), List.of(t.t1),
                        Map.of("StringLike", Map.of("s3:prefix", List.of(keys.consolePrefix() + "*"))))
                .allow("ReadOwnSecrets", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                        List.of(t.t2, t.t3, t.t4))
                .toJson());
        new RolePolicy(name + "-access", RolePolicyArgs.builder()
                .role(role.name()).policy(policy).build(), childOf(owner));
        var profile = new InstanceProfile(name + "-profile", InstanceProfileArgs.builder()
                .role(role.name()).build(), childOf(owner));
        return new AppHostRole(profile.arn());
    }
}
