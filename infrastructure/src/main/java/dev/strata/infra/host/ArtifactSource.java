package dev.strata.infra.host;

import com.pulumi.core.Output;
import dev.strata.infra.storage.ArtifactKeys;

/**
 * The artefact bucket as hosts see it.
 *
 * @param bucketName  S3 bucket name
 * @param bucketArn   for the read-only IAM statements
 * @param keys        object keys of the release
 */
public record ArtifactSource(Output<String> bucketName, Output<String> bucketArn, ArtifactKeys keys) {
}
