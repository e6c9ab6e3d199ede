package dev.strata.infra.cache;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.elasticache.ParameterGroup;
import com.pulumi.aws.elasticache.ParameterGroupArgs;
import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.elasticache.ReplicationGroupArgs;
import com.pulumi.aws.elasticache.SubnetGroup;
import com.pulumi.aws.elasticache.SubnetGroupArgs;
import com.pulumi.aws.elasticache.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.elasticache.inputs.ReplicationGroupLogDeliveryConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.infra.aws.StoredSecret;

import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * ElastiCache Redis for the warm tier: encrypted at rest and in transit, AUTH token kept in Secrets
 * Manager, failover to a replica in another zone when there is one, daily snapshots.
 */
public final class Cache extends ComponentResource {
    public static final String TYPE = "strata:infra:Cache";
    public static final int PORT = 6379;
    static final String ENGINE_VERSION = "7.1";
    static final String PARAMETER_FAMILY = "redis7";

    public final Output<String> primaryEndpoint;
    public final Output<String> authTokenSecretArn;

    public Cache(String name, CacheArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var settings = args.settings();
        var subnets = new SubnetGroup(name + "-subnets", SubnetGroupArgs.builder()
                .name(args.namePrefix() + "-redis")
                .description("Private subnets of the Strata warm tier")
                .subnetIds(args.subnetIds())
                .build(), childOf(this));
        var parameters = new ParameterGroup(name + "-parameters", ParameterGroupArgs.builder()
                .name(args.namePrefix() + "-" + PARAMETER_FAMILY)
                .family(PARAMETER_FAMILY)
                .description("Strata warm tier: evict by policy instead of failing writes when full")
                .parameters(ParameterGroupParameterArgs.builder()
                        .name("maxmemory-policy").value(settings.maxmemoryPolicy()).build())
                .build(), childOf(this));
        var slowLog = new LogGroup(name + "-slow-log", LogGroupArgs.builder()
                .name("/strata/" + args.namePrefix() + "/redis-slow-log")
                .retentionInDays(90)
                .build(), childOf(this));
        this.authTokenSecretArn = StoredSecret.create(this, name + "-auth-token",
                args.namePrefix() + "/redis-auth-token", "AUTH token of the Strata Redis replication group",
                args.authToken());

        var group = new ReplicationGroup(name + "-redis", ReplicationGroupArgs.builder()
                .replicationGroupId(args.namePrefix() + "-redis")
                .description("Strata warm tier")
                .engine("redis").engineVersion(ENGINE_VERSION)
                .nodeType(settings.nodeType())
                .numCacheClusters(settings.nodeCount())
                .port(PORT)
                .parameterGroupName(parameters.name())
                .subnetGroupName(subnets.name())
                .securityGroupIds(args.securityGroupId().applyValue(List::of))
                .atRestEncryptionEnabled(true)
                .transitEncryptionEnabled(true)
                .authToken(args.authToken().asSecret())
                // ROTATE lets a new token be added while the old one still works; see DEPLOYMENT_GUIDE.md.
                .authTokenUpdateStrategy("ROTATE")
                .automaticFailoverEnabled(settings.hasReplica())
                .multiAzEnabled(settings.hasReplica())
                .snapshotRetentionLimit(settings.snapshotRetentionDays())
                .snapshotWindow("02:00-03:00").maintenanceWindow("sun:05:30-sun:06:30")
                .finalSnapshotIdentifier(args.namePrefix() + "-redis-final")
                .autoMinorVersionUpgrade(true)
                .applyImmediately(false)
                .logDeliveryConfigurations(ReplicationGroupLogDeliveryConfigurationArgs.builder()
                        .destination(slowLog.name()).destinationType("cloudwatch-logs")
                        .logFormat("json").logType("slow-log").build())
                .build(), childOf(this));

        this.primaryEndpoint = group.primaryEndpointAddress();
        registerOutputs(Map.of("primaryEndpoint", primaryEndpoint, "authTokenSecretArn", authTokenSecretArn));
    }
}
