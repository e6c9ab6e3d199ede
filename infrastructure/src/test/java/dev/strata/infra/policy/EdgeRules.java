package dev.strata.infra.policy;

import dev.strata.infra.loadbalancer.LoadBalancer;

import java.util.List;
import java.util.Optional;

import static dev.strata.infra.policy.PolicyRule.requires;
import static dev.strata.infra.policy.PolicyRule.rule;

/** The ALB and its listeners and target group. */
final class EdgeRules {
    static final String ALB = "aws:lb/loadBalancer:LoadBalancer";
    static final String LISTENER = "aws:lb/listener:Listener";

    private EdgeRules() {
    }

    static List<PolicyRule> rules() {
        return List.of(
                rule("ALB-DROP-INVALID-HEADERS", "Checkov CKV_AWS_131 / AWS Config alb-http-drop-invalid-header-enabled",
                        ALB, requires(true, "forwards malformed headers", "dropInvalidHeaderFields")),
                rule("ALB-ACCESS-LOGS", "Checkov CKV_AWS_91 / AWS Config elb-logging-enabled", ALB,
                        requires(true, "has no access logs", "accessLogs", "enabled")),
                rule("ALB-DELETION-PROTECTION", "Checkov CKV_AWS_150 / AWS Config elb-deletion-protection-enabled", ALB,
                        requires(true, "can be deleted without protection", "enableDeletionProtection")),
                rule("LISTENER-HTTPS-OR-REDIRECT", "Checkov CKV_AWS_2 / AWS Config alb-http-to-https-redirection-check",
                        LISTENER, (listener, stack) -> listener.text("protocol").equals("HTTPS")
                                || listener.text("defaultActions", 0, "type").equals("redirect")
                                && listener.text("defaultActions", 0, "redirect", "protocol").equals("HTTPS")
                                ? Optional.empty() : Optional.of("serves plain HTTP")),
                rule("LISTENER-MODERN-TLS", "Checkov CKV_AWS_103 (TLS 1.2+) / AWS FSBP ELB.17", LISTENER,
                        (listener, stack) -> !listener.text("protocol").equals("HTTPS")
                                && listener.text("defaultActions", 0, "type").equals("redirect")
                                || listener.text("sslPolicy").equals(LoadBalancer.TLS_POLICY)
                                ? Optional.empty() : Optional.of("does not use the TLS 1.2/1.3 policy")),
                rule("TARGET-HEALTH-CHECK", "Reliability: health check on the readiness endpoint",
                        "aws:lb/targetGroup:TargetGroup",
                        requires(LoadBalancer.HEALTH_PATH, "checks the wrong path", "healthCheck", "path")));
    }
}
