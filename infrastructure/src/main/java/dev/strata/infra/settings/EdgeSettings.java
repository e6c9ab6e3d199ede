package dev.strata.infra.settings;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the stack is reached from outside.
 *
 * @param certificateArn          ACM certificate for the HTTPS listener
 * @param allowPlainHttp          forward plain HTTP instead of redirecting (never in prod)
 * @param adminCidr               a network allowed to reach Grafana/Prometheus directly; empty = SSM only
 * @param monitoringInstanceType  EC2 type of the monitoring host
 */
public record EdgeSettings(Optional<String> certificateArn, boolean allowPlainHttp, Optional<String> adminCidr,
                           String monitoringInstanceType) {
    private static final Pattern CERTIFICATE = Pattern.compile(
            "arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(1[6-9]|2\\d|3[0-2])");

    static EdgeSettings read(ConfigValues config, Environment environment) {
        Optional<String> certificate = config.optionalText("certificateArn", CERTIFICATE,
                "must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)");
        boolean allowPlainHttp = config.bool("allowPlainHttp", false);
        if (allowPlainHttp && environment.isProduction()) {
            throw new InvalidStackConfigException(config.fullKey("allowPlainHttp"), "true",
                    "is not allowed in prod: API tokens would cross the internet unencrypted");
        }
        if (certificate.isEmpty() && !allowPlainHttp) {
            throw new InvalidStackConfigException(config.fullKey("certificateArn"),
                    "is required unless " + config.fullKey("allowPlainHttp") + " is true (dev/staging only)");
        }
        Optional<String> adminCidr = config.optionalText("adminCidr", CIDR,
                "must be an IPv4 CIDR no wider than /16, e.g. 203.0.113.0/24 (never 0.0.0.0/0)");
        String monitoringType = config.text("monitoringInstanceType", "t3.medium", FleetSettings.INSTANCE_TYPE,
                "must be an EC2 instance type such as t3.medium");
        return new EdgeSettings(certificate, allowPlainHttp, adminCidr, monitoringType);
    }
}
