package dev.strata.infra.storage;

import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.resources.Resource;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * A private S3 bucket with the controls every bucket here needs: all public access blocked, ACLs
 * disabled (bucket owner enforced), default encryption and versioning. Children of {@code owner}.
 */
final class HardenedBucket {
    /** Encryption at rest: SSE-KMS with the AWS-managed key, or SSE-S3 where a service only supports that. */
    enum Encryption { KMS, S3_MANAGED }

    private HardenedBucket() {
    }

    static BucketV2 create(Resource owner, String name, String bucketPrefix, Encryption encryption) {
        var bucket = new BucketV2(name, BucketV2Args.builder()
                .bucketPrefix(bucketPrefix)
                .build(), childOf(owner));
        new BucketPublicAccessBlock(name + "-public-access-block", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true)
                .ignorePublicAcls(true).restrictPublicBuckets(true)
                .build(), childOf(owner));
        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), childOf(owner));
        var byDefault = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                .sseAlgorithm(encryption == Encryption.KMS ? "aws:kms" : "AES256")
                .build();
        new BucketServerSideEncryptionConfigurationV2(name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(byDefault)
                                // S3 Bucket Keys cut KMS request costs for the many small console files.
                                .bucketKeyEnabled(encryption == Encryption.KMS)
                                .build())
                        .build(), childOf(owner));
        new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder()
                        .status("Enabled").build())
                .build(), childOf(owner));
        return bucket;
    }
}
