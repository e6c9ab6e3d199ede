package dev.strata.infra.storage;

import com.pulumi.core.Output;
import dev.strata.infra.settings.ArtifactPaths;

/**
 * @param paths           local files and directories to upload
 * @param releaseVersion  names the release prefix, so hosts of one release never see another's files
 * @param logBucketName   where S3 server access logs go
 * @param namePrefix      prefix of the AWS bucket name
 */
public record ArtifactBucketArgs(ArtifactPaths paths, String releaseVersion, Output<String> logBucketName,
                                 String namePrefix) {
}
