package dev.strata.infra.policy;

import java.util.List;

/**
 * Every intentional exception to the policy suite, with its reason. Nothing else may violate a rule.
 *
 * @see PolicySuiteTest#everyAllowListEntryIsStillNeeded
 */
final class PolicyAllowList {
    /** {@code stack} is a stack name or {@code *} for all stacks. */
    record Exception(String ruleId, String stack, String resourceName, String reason) {
        boolean covers(String rule, String stackName, String resource) {
            return ruleId.equals(rule) && (stack.equals("*") || stack.equals(stackName)) && resourceName.equals(resource);
        }
    }

    static final List<Exception> ENTRIES = List.of(
            new Exception("SG-NO-INTERNET-INGRESS", "*", "firewall-public-https-in",
                    "the ALB is the public entry point: HTTPS from anywhere is its job"),
            new Exception("SG-NO-INTERNET-INGRESS", "*", "firewall-public-http-in",
                    "port 80 on the ALB only redirects to HTTPS (prod) or is the explicitly allowed plain-HTTP dev listener"),
            new Exception("SG-NO-INTERNET-EGRESS", "*", "firewall-app-https-out",
                    "hosts reach S3, Secrets Manager and SSM over HTTPS through NAT (no VPC endpoints yet)"),
            new Exception("SG-NO-INTERNET-EGRESS", "*", "firewall-monitoring-https-out",
                    "EC2 service discovery, SSM, S3 and Secrets Manager APIs over HTTPS through NAT"),
            new Exception("SG-NO-INTERNET-EGRESS", "*", "firewall-app-http-out",
                    "Ubuntu mirrors serve apt over HTTP; packages are verified by signature"),
            new Exception("SG-NO-INTERNET-EGRESS", "*", "firewall-monitoring-http-out",
                    "Ubuntu mirrors serve apt over HTTP; packages are verified by signature"),
            new Exception("S3-ENCRYPTION-KMS", "*", "logs-bucket",
                    "ALB access log delivery supports SSE-S3 only; the bucket is encrypted with SSE-S3"),
            new Exception("S3-ACCESS-LOGGING", "*", "logs-bucket",
                    "this is the access-log bucket; logging it into itself would loop"),
            new Exception("S3-LIFECYCLE", "*", "artifacts-bucket",
                    "old releases are kept on purpose so that a rollback can reinstall them"),
            new Exception("IAM-NO-WILDCARD-RESOURCE", "*", "monitoring-access",
                    "ec2:DescribeInstances/DescribeAvailabilityZones do not support resource-level permissions"),
            new Exception("VPC-NAT-PER-AZ", "dev", "network-vpc",
                    "dev saves ~65 USD/month with one NAT; a zone outage there is acceptable"),
            new Exception("RDS-MULTI-AZ", "dev", "database-instance", "dev runs without a standby to halve the cost"),
            new Exception("RDS-DELETION-PROTECTION", "dev", "database-instance",
                    "dev stacks are torn down routinely"),
            new Exception("REDIS-FAILOVER", "dev", "cache-redis", "dev runs one node; no replica to fail over to"),
            new Exception("ALB-DELETION-PROTECTION", "dev", "edge-alb", "dev stacks are torn down routinely"),
            new Exception("LISTENER-HTTPS-OR-REDIRECT", "dev", "edge-http",
                    "Pulumi.dev.yaml sets allowPlainHttp=true (no certificate); refused in prod by config validation"),
            new Exception("LISTENER-MODERN-TLS", "dev", "edge-http", "plain-HTTP dev listener, see above"),
            new Exception("ASG-HA-CAPACITY", "dev", "app-asg", "dev runs one instance (appMinSize=1)"));

    private PolicyAllowList() {
    }

    static boolean allows(String rule, String stack, String resource) {
        return ENTRIES.stream().anyMatch(entry -> entry.covers(rule, stack, resource));
    }
}
