package dev.strata.infra.policy;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;

import java.util.List;
import java.util.Optional;

import static dev.strata.infra.policy.PolicyRule.rule;

/** S3 buckets and objects. */
final class StorageRules {
    static final String BUCKET = "aws:s3/bucketV2:BucketV2";

    private StorageRules() {
    }

    static List<PolicyRule> rules() {
        return List.of(
                rule("S3-BLOCK-PUBLIC-ACCESS", "Checkov CKV2_AWS_6 / AWS Config s3-bucket-level-public-access-prohibited",
                        BUCKET, StorageRules::blocksPublicAccess),
                rule("S3-DEFAULT-ENCRYPTION", "Checkov CKV_AWS_19 / AWS Config s3-bucket-server-side-encryption-enabled",
                        BUCKET, (bucket, stack) -> Related.missing(encryption(stack, bucket), "default encryption")),
                rule("S3-ENCRYPTION-KMS", "Checkov CKV_AWS_145 / AWS Config s3-default-encryption-kms", BUCKET,
                        (bucket, stack) -> encryption(stack, bucket)
                                .filter(config -> config.text("rules", 0, "applyServerSideEncryptionByDefault",
                                        "sseAlgorithm").equals("aws:kms"))
                                .isPresent() ? Optional.empty() : Optional.of("is not encrypted with KMS")),
                rule("S3-VERSIONING", "Checkov CKV_AWS_21 / AWS Config s3-bucket-versioning-enabled", BUCKET,
                        (bucket, stack) -> Related.pointingAt(stack, "aws:s3/bucketVersioningV2:BucketVersioningV2",
                                        "bucket", bucket)
                                .filter(v -> v.text("versioningConfiguration", "status").equals("Enabled")).isPresent()
                                ? Optional.empty() : Optional.of("has no versioning")),
                rule("S3-ACCESS-LOGGING", "Checkov CKV_AWS_18 / AWS Config s3-bucket-logging-enabled", BUCKET,
                        (bucket, stack) -> Related.missing(Related.pointingAt(stack,
                                "aws:s3/bucketLoggingV2:BucketLoggingV2", "bucket", bucket), "server access logging")),
                rule("S3-TLS-ONLY", "AWS Config s3-bucket-ssl-requests-only (AWS FSBP S3.5)", BUCKET,
                        (bucket, stack) -> Related.pointingAt(stack, "aws:s3/bucketPolicy:BucketPolicy", "bucket", bucket)
                                .filter(policy -> policy.text("policy").contains("\"aws:SecureTransport\":\"false\""))
                                .isPresent() ? Optional.empty() : Optional.of("accepts plain HTTP requests")),
                rule("S3-ACLS-DISABLED", "Checkov CKV2_AWS_65 / AWS FSBP S3.12", BUCKET,
                        (bucket, stack) -> Related.pointingAt(stack,
                                        "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "bucket", bucket)
                                .filter(o -> o.text("rule", "objectOwnership").equals("BucketOwnerEnforced")).isPresent()
                                ? Optional.empty() : Optional.of("still honours ACLs")),
                rule("S3-LIFECYCLE", "Checkov CKV2_AWS_61", BUCKET,
                        (bucket, stack) -> Related.missing(Related.pointingAt(stack,
                                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "bucket", bucket),
                                "lifecycle configuration")));
    }

    private static Optional<RecordedResource> encryption(RecordedStack stack, RecordedResource bucket) {
        return Related.pointingAt(stack,
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "bucket", bucket);
    }

    private static Optional<String> blocksPublicAccess(RecordedResource bucket, RecordedStack stack) {
        var block = Related.pointingAt(stack, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "bucket",
                bucket);
        boolean complete = block.filter(b -> b.isTrue("blockPublicAcls") && b.isTrue("blockPublicPolicy")
                && b.isTrue("ignorePublicAcls") && b.isTrue("restrictPublicBuckets")).isPresent();
        return complete ? Optional.empty() : Optional.of("does not block all public access");
    }
}
