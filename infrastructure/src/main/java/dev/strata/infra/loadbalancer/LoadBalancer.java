package dev.strata.infra.loadbalancer;

import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.LoadBalancerAccessLogsArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * The internet-facing ALB in the public subnets. HTTPS with a TLS 1.2/1.3-only policy when a
 * certificate is configured, plain HTTP redirected; forwarding plain HTTP only where the stack
 * explicitly allows it. Malformed header fields are dropped; access logs go to the log archive.
 */
public final class LoadBalancer extends ComponentResource {
    public static final String TYPE = "strata:infra:LoadBalancer";
    /** TLS 1.3 and 1.2 with forward-secret ciphers only (AWS's recommended policy). */
    public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    public static final String HEALTH_PATH = "/actuator/health/readiness";

    public final Output<String> dnsName;
    public final Output<String> targetGroupArn;
    public final Output<String> url;

    public LoadBalancer(String name, LoadBalancerArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var balancer = new com.pulumi.aws.lb.LoadBalancer(name + "-alb", com.pulumi.aws.lb.LoadBalancerArgs.builder()
                .name(args.namePrefix() + "-alb")
                .loadBalancerType("application")
                .internal(false)
                .subnets(args.subnetIds())
                .securityGroups(args.securityGroupId().applyValue(List::of))
                .dropInvalidHeaderFields(true)
                .desyncMitigationMode("defensive")
                .enableDeletionProtection(args.deletionProtection())
                .accessLogs(LoadBalancerAccessLogsArgs.builder()
                        .bucket(args.logBucketName()).prefix("alb").enabled(true).build())
                .build(), childOf(this));
        var targets = new TargetGroup(name + "-targets", TargetGroupArgs.builder()
                .name(args.namePrefix() + "-app")
                .port(80).protocol("HTTP").targetType("instance")
                .vpcId(args.vpcId())
                // Short drain: API calls are short; long ones would hold instance refreshes back.
                .deregistrationDelay(30)
                .healthCheck(TargetGroupHealthCheckArgs.builder()
                        .path(HEALTH_PATH).matcher("200").protocol("HTTP").port("traffic-port")
                        .interval(15).timeout(5).healthyThreshold(2).unhealthyThreshold(3).build())
                .build(), childOf(this));
        var forward = ListenerDefaultActionArgs.builder().type("forward").targetGroupArn(targets.arn()).build();

        if (args.certificateArn().isPresent()) {
            new Listener(name + "-https", ListenerArgs.builder()
                    .loadBalancerArn(balancer.arn()).port(443).protocol("HTTPS")
                    .sslPolicy(TLS_POLICY).certificateArn(args.certificateArn().get())
                    .defaultActions(forward).build(), childOf(this));
            new Listener(name + "-http-redirect", ListenerArgs.builder()
                    .loadBalancerArn(balancer.arn()).port(80).protocol("HTTP")
                    .defaultActions(ListenerDefaultActionArgs.builder().type("redirect")
                            .redirect(ListenerDefaultActionRedirectArgs.builder()
                                    .protocol("HTTPS").port("443").statusCode("HTTP_301").build())
                            .build())
                    .build(), childOf(this));
        } else if (args.allowPlainHttp()) {
            new Listener(name + "-http", ListenerArgs.builder()
                    .loadBalancerArn(balancer.arn()).port(80).protocol("HTTP")
                    .defaultActions(forward).build(), childOf(this));
        } else {
            // StackSettings refuses this combination; the check keeps the component safe on its own.
            throw new IllegalArgumentException("LoadBalancer needs a certificate ARN or allowPlainHttp");
        }

        String scheme = args.certificateArn().isPresent() ? "https://" : "http://";
        this.dnsName = balancer.dnsName();
        this.targetGroupArn = targets.arn();
        this.url = balancer.dnsName().applyValue(dns -> scheme + dns);
        registerOutputs(Map.of("dnsName", dnsName, "targetGroupArn", targetGroupArn, "url", url));
    }
}
