package dev.strata.infra.settings;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * @param instanceType      EC2 type of the app hosts
 * @param minSize           Auto Scaling floor
 * @param maxSize           Auto Scaling ceiling
 * @param cpuTargetPercent  average CPU the target-tracking policy holds the fleet at
 * @param amiId             a pinned AMI; empty means the current Ubuntu 24.04 image from Canonical's SSM parameter
 * @param releaseVersion    names the console release directory and the artefact keys in S3
 */
public record FleetSettings(String instanceType, int minSize, int maxSize, int cpuTargetPercent,
                            Optional<String> amiId, String releaseVersion) {
    static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static FleetSettings read(ConfigValues config, Environment environment) {
        String instanceType = config.text("appInstanceType", "m7i.large", INSTANCE_TYPE,
                "must be an EC2 instance type such as m7i.large");
        int minSize = config.integer("appMinSize", 2, 1, 10);
        int maxSize = config.integer("appMaxSize", 10, 1, 20);
        if (minSize > maxSize) {
            throw new InvalidStackConfigException(config.fullKey("appMinSize"), String.valueOf(minSize),
                    "must not exceed " + config.fullKey("appMaxSize") + " = " + maxSize);
        }
        if (environment.isProduction() && minSize < 2) {
            throw new InvalidStackConfigException(config.fullKey("appMinSize"), String.valueOf(minSize),
                    "must be at least 2 in prod so that one instance can fail or be replaced without downtime");
        }
        int cpuTarget = config.integer("appCpuTargetPercent", 60, 20, 90);
        Optional<String> amiId = config.optionalText("amiId", AMI, "must look like ami-0123456789abcdef0");
        String release = config.text("releaseVersion", "0.1.0", RELEASE,
                "must be a directory-safe version label such as 0.1.0 or 2026-11-22.1");
        return new FleetSettings(instanceType, minSize, maxSize, cpuTarget, amiId, release);
    }
}
