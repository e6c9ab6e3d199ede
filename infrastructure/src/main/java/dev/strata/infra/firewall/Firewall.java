package dev.strata.infra.firewall;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * Every security group and every rule of the stack, in one place so the whole traffic matrix can be
 * read (and audited) at once. Groups reference each other instead of CIDRs: ALB → app → database and
 * Redis; monitoring → the metrics ports. Each rule is its own resource with a description.
 */
public final class Firewall extends ComponentResource {
    public static final String TYPE = "strata:infra:Firewall";
    private static final String ANYWHERE = "0.0.0.0/0";

    public final Output<String> loadBalancerGroupId;
    public final Output<String> appGroupId;
    public final Output<String> databaseGroupId;
    public final Output<String> cacheGroupId;
    public final Output<String> monitoringGroupId;
    private final String name;

    public Firewall(String name, FirewallArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.name = name;
        var alb = group("alb", "Internet-facing load balancer", args);
        var app = group("app", "Strata app hosts (nginx in front of the server)", args);
        var database = group("db", "RDS PostgreSQL", args);
        var cache = group("redis", "ElastiCache Redis", args);
        var monitoring = group("monitoring", "Prometheus and Grafana host", args);

        ingressFromAnywhere(alb, "https", Port.HTTPS, "HTTPS from clients on the internet");
        ingressFromAnywhere(alb, "http", Port.HTTP, "HTTP from clients, redirected to HTTPS unless plain HTTP is allowed");
        link(alb, app, Port.HTTP, "ALB to nginx on the app hosts");
        for (Port metrics : new Port[] {Port.SERVER, Port.NODE_EXPORTER, Port.NGINX_EXPORTER}) {
            link(monitoring, app, metrics, "Prometheus scrapes app host port " + metrics.number);
        }
        link(app, database, Port.POSTGRES, "Strata server to PostgreSQL");
        link(monitoring, database, Port.POSTGRES, "PostgreSQL exporter to RDS");
        link(app, cache, Port.REDIS, "Strata server to Redis (TLS)");
        link(monitoring, cache, Port.REDIS, "Redis exporter to ElastiCache (TLS)");
        for (var host : Map.of("app", app, "monitoring", monitoring).entrySet()) {
            egressToAnywhere(host.getValue(), host.getKey() + "-https", Port.HTTPS,
                    "HTTPS to AWS APIs (S3, Secrets Manager, SSM, EC2) and package repositories via NAT");
            egressToAnywhere(host.getValue(), host.getKey() + "-http", Port.HTTP,
                    "HTTP to Ubuntu package mirrors via NAT (apt verifies signatures)");
        }
        args.adminCidr().ifPresent(cidr -> {
            ingressFromCidr(monitoring, "admin-grafana", Port.GRAFANA, cidr, "Grafana from the admin network");
            ingressFromCidr(monitoring, "admin-prometheus", Port.PROMETHEUS, cidr, "Prometheus from the admin network");
        });

        this.loadBalancerGroupId = alb.id();
        this.appGroupId = app.id();
        this.databaseGroupId = database.id();
        this.cacheGroupId = cache.id();
        this.monitoringGroupId = monitoring.id();
        registerOutputs(Map.of("loadBalancerGroupId", loadBalancerGroupId, "appGroupId", appGroupId,
                "databaseGroupId", databaseGroupId, "cacheGroupId", cacheGroupId,
                "monitoringGroupId", monitoringGroupId));
    }

    private SecurityGroup group(String role, String description, FirewallArgs args) {
        return new SecurityGroup(name + "-" + role, SecurityGroupArgs.builder()
                .name(args.namePrefix() + "-" + role)
                .description(description)
                .vpcId(args.vpcId())
                .tags(Map.of("Name", args.namePrefix() + "-" + role))
                .build(), childOf(this));
    }

    /** Allows {@code port} from {@code source} to {@code target}: the egress on one side, the ingress on the other. */
    private void link(SecurityGroup source, SecurityGroup target, Port port, String description) {
        String ruleName = name + "-" + source.pulumiResourceName().substring(name.length() + 1)
                + "-to-" + target.pulumiResourceName().substring(name.length() + 1) + "-" + port.number;
        new SecurityGroupIngressRule(ruleName + "-in", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(target.id()).referencedSecurityGroupId(source.id())
                .ipProtocol("tcp").fromPort(port.number).toPort(port.number)
                .description(description).build(), childOf(this));
        new SecurityGroupEgressRule(ruleName + "-out", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(source.id()).referencedSecurityGroupId(target.id())
                .ipProtocol("tcp").fromPort(port.number).toPort(port.number)
                .description(description).build(), childOf(this));
    }

    private void ingressFromAnywhere(SecurityGroup target, String label, Port port, String description) {
        ingressFromCidr(target, "public-" + label, port, ANYWHERE, description);
    }

    private void ingressFromCidr(SecurityGroup target, String label, Port port, String cidr, String description) {
        new SecurityGroupIngressRule(name + "-" + label + "-in", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(target.id()).cidrIpv4(cidr)
                .ipProtocol("tcp").fromPort(port.number).toPort(port.number)
                .description(description).build(), childOf(this));
    }

    private void egressToAnywhere(SecurityGroup source, String label, Port port, String description) {
        new SecurityGroupEgressRule(name + "-" + label + "-out", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(source.id()).cidrIpv4(ANYWHERE)
                .ipProtocol("tcp").fromPort(port.number).toPort(port.number)
                .description(description).build(), childOf(this));
    }
}
