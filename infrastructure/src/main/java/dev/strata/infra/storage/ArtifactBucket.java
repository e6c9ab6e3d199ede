package dev.strata.infra.storage;

import com.pulumi.asset.FileAsset;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketObjectv2;
import com.pulumi.aws.s3.BucketObjectv2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.infra.aws.PolicyJson;
import dev.strata.infra.settings.ArtifactPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * The private, encrypted bucket the hosts install from: the service jar, the deployment-fixes jar and
 * the web console of one release, plus the monitoring configuration. Every file is an S3 object
 * with a {@link FileAsset}, so {@code pulumi up} re-uploads exactly the files whose content changed.
 */
public final class ArtifactBucket extends ComponentResource {
    public static final String TYPE = "strata:infra:ArtifactBucket";

    public final Output<String> bucketName;
    public final Output<String> bucketArn;
    public final ArtifactKeys keys;
    private final String name;
    private final BucketV2 bucket;

    public ArtifactBucket(String name, ArtifactBucketArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.name = name;
        this.keys = new ArtifactKeys(args.releaseVersion());
        this.bucket = HardenedBucket.create(this, name + "-bucket", args.namePrefix() + "-artifacts-",
                HardenedBucket.Encryption.KMS);
        new BucketLoggingV2(name + "-access-logging", BucketLoggingV2Args.builder()
                .bucket(bucket.id())
                .targetBucket(args.logBucketName())
                .targetPrefix("s3-access/artifacts/")
                .build(), childOf(this));
        new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucket.arn().applyValue(arn -> PolicyJson.document().denyInsecureTransport(arn).toJson()))
                .build(), childOf(this));

        ArtifactPaths paths = args.paths();
        upload("service-jar", keys.serviceJar(), paths.serviceJar());
        upload("fixes-jar", keys.fixesJar(), paths.fixesJar());
        uploadTree("console", keys.consolePrefix(), paths.consoleDir());
        for (String part : ArtifactPaths.MONITORING_PARTS) {
            uploadTree("monitoring-" + part, ArtifactKeys.MONITORING_PREFIX + part + "/",
                    paths.monitoringDir().resolve(part));
        }

        this.bucketName = bucket.bucket();
        this.bucketArn = bucket.arn();
        registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
    }

    private void uploadTree(String label, String keyPrefix, Path root) {
        for (Path file : filesUnder(root)) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            upload(label + "/" + relative, keyPrefix + relative, file);
        }
    }

    private void upload(String label, String key, Path file) {
        new BucketObjectv2(name + "-" + label, BucketObjectv2Args.builder()
                .bucket(bucket.id())
                .key(key)
                .source(new FileAsset(file.toString()))
                .build(), childOf(this));
    }

    /** Regular files, sorted so the resource graph does not depend on directory listing order. */
    private static List<Path> filesUnder(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot list " + root, unreadable);
        }
    }
}
