package dev.strata.infra.storage;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.infra.aws.PolicyJson;

import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * The bucket receiving ALB access logs, VPC flow logs and S3 server access logs. SSE-S3 rather than
 * KMS because ALB log delivery only supports SSE-S3. Logs expire after {@link #RETENTION_DAYS}.
 */
public final class LogArchive extends ComponentResource {
    public static final String TYPE = "strata:infra:LogArchive";
    static final int RETENTION_DAYS = 365;

    public final Output<String> bucketName;
    public final Output<String> bucketArn;

    /**
     * @param elbAccountArn the region's Elastic Load Balancing account, which writes ALB access logs in
     *                      regions that predate the log-delivery service principal
     */
    public LogArchive(String name, String namePrefix, Output<String> elbAccountArn, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var bucket = HardenedBucket.create(this, name + "-bucket", namePrefix + "-logs-",
                HardenedBucket.Encryption.S3_MANAGED);
        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-logs").status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .days(RETENTION_DAYS).build())
                        .noncurrentVersionExpiration(
                                BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                        .noncurrentDays(30).build())
                        .build())
                .build(), childOf(this));
        var policy = Output.tuple(bucket.arn(), elbAccountArn).applyValue(pair -> {
            String arn = pair.t1;
            return PolicyJson.document()
                    .denyInsecureTransport(arn)
                    .allowPrincipal("AlbLogsLegacyRegions", Map.of("AWS", pair.t2), List.of("s3:PutObject"),
                            List.of(arn + "/alb/*"), null)
                    .allowPrincipal("AlbLogs", Map.of("Service", "logdelivery.elasticloadbalancing.amazonaws.com"),
                            List.of("s3:PutObject"), List.of(arn + "/alb/*"), null)
                    .allowPrincipal("FlowLogsWrite", Map.of("Service", "delivery.logs.amazonaws.com"),
                            List.of("s3:PutObject"), List.of(arn + "/vpc-flow-logs/*"),
                            Map.of("StringEquals", Map.of("s3:x-amz-acl", "bucket-owner-full-control")))
                    .allowPrincipal("FlowLogsAclCheck", Map.of("Service", "delivery.logs.amazonaws.com"),
                            List.of("s3:GetBucketAcl"), List.of(arn), null)
                    .allowPrincipal("S3ServerAccessLogs", Map.of("Service", "logging.s3.amazonaws.com"),
                            List.of("s3:PutObject"), List.of(arn + "/s3-access/*"), null)
                    .toJson();
        });
        new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id()).policy(policy).build(), childOf(this));

        this.bucketName = bucket.bucket();
        this.bucketArn = bucket.arn();
        registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
    }
}
