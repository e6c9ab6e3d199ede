package dev.strata.infra.plan;

import java.util.Map;
import java.util.Optional;

/**
 * Approximate on-demand list prices in USD, us-east-1, Linux, as published on the AWS pricing pages
 * in 2025 (other regions are typically 5-15 % higher). Good for comparing stacks and spotting an
 * accidental size change, not for budgeting: check the AWS Pricing Calculator before you commit.
 * Data transfer, ALB LCUs, NAT data processing, CloudWatch and S3 usage are not included.
 */
final class PriceTable {
    static final double HOURS_PER_MONTH = 730;
    static final double NAT_GATEWAY_HOUR = 0.045;
    static final double ALB_HOUR = 0.0225;
    static final double PUBLIC_IPV4_HOUR = 0.005;
    static final double EBS_GP3_GB_MONTH = 0.08;
    static final double RDS_GP3_GB_MONTH = 0.115;
    static final double SECRET_MONTH = 0.40;

    private static final Map<String, Double> EC2_HOUR = Map.of(
            "t3.small", 0.0208, "t3.medium", 0.0416, "t3.large", 0.0832,
            "m7i.large", 0.1008, "m7i.xlarge", 0.2016, "c7i.large", 0.0893);
    /** Single-AZ PostgreSQL; Multi-AZ (one standby) costs twice as much. */
    private static final Map<String, Double> RDS_HOUR = Map.of(
            "db.t4g.micro", 0.016, "db.t4g.medium", 0.065, "db.t4g.large", 0.129,
            "db.m7g.large", 0.168, "db.m7g.xlarge", 0.337, "db.r7g.large", 0.239);
    private static final Map<String, Double> CACHE_HOUR = Map.of(
            "cache.t4g.small", 0.032, "cache.t4g.medium", 0.065, "cache.m7g.large", 0.158,
            "cache.r7g.large", 0.219);

    private PriceTable() {
    }

    static Optional<Double> ec2Hour(String instanceType) {
        return Optional.ofNullable(EC2_HOUR.get(instanceType));
    }

    static Optional<Double> rdsHour(String instanceClass) {
        return Optional.ofNullable(RDS_HOUR.get(instanceClass));
    }

    static Optional<Double> cacheHour(String nodeType) {
        return Optional.ofNullable(CACHE_HOUR.get(nodeType));
    }
}
