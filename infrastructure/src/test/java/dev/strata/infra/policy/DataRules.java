package dev.strata.infra.policy;

import java.util.List;
import java.util.Optional;

import static dev.strata.infra.policy.PolicyRule.requires;
import static dev.strata.infra.policy.PolicyRule.rule;

/** RDS PostgreSQL and ElastiCache Redis. */
final class DataRules {
    static final String RDS = "aws:rds/instance:Instance";
    static final String REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";

    private DataRules() {
    }

    static List<PolicyRule> rules() {
        return List.of(
                rule("RDS-ENCRYPTED", "Checkov CKV_AWS_16 / AWS Config rds-storage-encrypted", RDS,
                        requires(true, "storage is not encrypted", "storageEncrypted")),
                rule("RDS-NOT-PUBLIC", "Checkov CKV_AWS_17 / AWS Config rds-instance-public-access-check", RDS,
                        requires(false, "is publicly accessible", "publiclyAccessible")),
                rule("RDS-BACKUPS", "AWS Config db-instance-backup-enabled (retention >= 7 days)", RDS,
                        (db, stack) -> db.input("backupRetentionPeriod").map(days -> ((Number) days).longValue() >= 7)
                                .orElse(false) ? Optional.empty() : Optional.of("keeps backups for under 7 days")),
                rule("RDS-MULTI-AZ", "Checkov CKV_AWS_157 / AWS Config rds-multi-az-support", RDS,
                        requires(true, "has no standby in another zone", "multiAz")),
                rule("RDS-DELETION-PROTECTION", "Checkov CKV_AWS_293 / AWS Config rds-instance-deletion-protection-enabled",
                        RDS, requires(true, "can be deleted without protection", "deletionProtection")),
                rule("RDS-FINAL-SNAPSHOT", "Pulumi AWSGuard-style: no skipFinalSnapshot", RDS,
                        requires(false, "skips the final snapshot", "skipFinalSnapshot")),
                rule("RDS-LOG-EXPORTS", "Checkov CKV_AWS_129 / AWS Config rds-logging-enabled", RDS,
                        (db, stack) -> db.text("enabledCloudwatchLogsExports").contains("postgresql")
                                ? Optional.empty() : Optional.of("does not export the PostgreSQL log")),
                rule("RDS-ENHANCED-MONITORING", "Checkov CKV_AWS_118 / AWS Config rds-enhanced-monitoring-enabled", RDS,
                        (db, stack) -> db.input("monitoringInterval").map(i -> ((Number) i).longValue() > 0).orElse(false)
                                && !db.text("monitoringRoleArn").isBlank()
                                ? Optional.empty() : Optional.of("has no enhanced monitoring")),
                rule("RDS-PERFORMANCE-INSIGHTS", "Checkov CKV_AWS_353", RDS,
                        requires(true, "has Performance Insights off", "performanceInsightsEnabled")),
                rule("RDS-IAM-AUTH", "Checkov CKV_AWS_161 / AWS Config rds-instance-iam-authentication-enabled", RDS,
                        requires(true, "has IAM authentication off", "iamDatabaseAuthenticationEnabled")),
                rule("RDS-MINOR-UPGRADES", "Checkov CKV_AWS_226 / AWS Config rds-automatic-minor-version-upgrade-enabled",
                        RDS, requires(true, "does not take minor upgrades", "autoMinorVersionUpgrade")),
                rule("RDS-COPY-TAGS", "Checkov CKV2_AWS_60", RDS,
                        requires(true, "does not copy tags to snapshots", "copyTagsToSnapshot")),
                rule("RDS-MANAGED-PASSWORD", "AWS Secrets Manager integration for RDS (AWSGuard-style: no password in state)", RDS,
                        (db, stack) -> db.isTrue("manageMasterUserPassword") && db.input("password").isEmpty()
                                ? Optional.empty() : Optional.of("master password passes through Pulumi")),
                rule("RDS-FORCE-TLS", "Checkov CKV2_AWS_69 (encryption in transit: rds.force_ssl=1)",
                        "aws:rds/parameterGroup:ParameterGroup",
                        (group, stack) -> group.text("parameters").contains("name=rds.force_ssl, value=1")
                                ? Optional.empty() : Optional.of("does not force TLS")),
                rule("REDIS-AT-REST", "Checkov CKV_AWS_29 / AWS Config elasticache-repl-grp-encrypted-at-rest", REDIS,
                        requires(true, "is not encrypted at rest", "atRestEncryptionEnabled")),
                rule("REDIS-IN-TRANSIT", "Checkov CKV_AWS_30 / AWS Config elasticache-repl-grp-encrypted-in-transit",
                        REDIS, requires(true, "is not encrypted in transit", "transitEncryptionEnabled")),
                rule("REDIS-AUTH", "Checkov CKV_AWS_31 / AWS Config elasticache-repl-grp-redis-auth-enabled", REDIS,
                        (group, stack) -> group.text("authToken").isBlank()
                                ? Optional.of("has no AUTH token") : Optional.empty()),
                rule("REDIS-AUTH-SECRET", "Checkov CKV_AWS_46 analogue: the token stays a Pulumi secret", REDIS,
                        (group, stack) -> group.text("authToken").equals("[secret]")
                                ? Optional.empty() : Optional.of("auth token is not marked secret")),
                rule("REDIS-FAILOVER", "AWS Config elasticache-repl-grp-auto-failover-enabled", REDIS,
                        (group, stack) -> group.isTrue("automaticFailoverEnabled") && group.isTrue("multiAzEnabled")
                                ? Optional.empty() : Optional.of("has no automatic Multi-AZ failover")),
                rule("REDIS-SNAPSHOTS", "Checkov CKV_AWS_134 / AWS Config elasticache-redis-cluster-automatic-backup-check",
                        REDIS, (group, stack) -> group.input("snapshotRetentionLimit")
                                .map(days -> ((Number) days).longValue() >= 1).orElse(false)
                                ? Optional.empty() : Optional.of("keeps no snapshots")),
                rule("LOG-GROUP-RETENTION", "Checkov CKV_AWS_66", "aws:cloudwatch/logGroup:LogGroup",
                        (group, stack) -> group.input("retentionInDays").isPresent()
                                ? Optional.empty() : Optional.of("keeps logs forever")));
    }
}
