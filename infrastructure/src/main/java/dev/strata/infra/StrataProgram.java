package dev.strata.infra;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.infra.aws.AwsLookups;
import dev.strata.infra.aws.TaggedProvider;
import dev.strata.infra.cache.Cache;
import dev.strata.infra.cache.CacheArgs;
import dev.strata.infra.database.Database;
import dev.strata.infra.database.DatabaseArgs;
import dev.strata.infra.firewall.Firewall;
import dev.strata.infra.firewall.FirewallArgs;
import dev.strata.infra.fleet.AppFleet;
import dev.strata.infra.fleet.AppFleetArgs;
import dev.strata.infra.host.ArtifactSource;
import dev.strata.infra.host.DataEndpoints;
import dev.strata.infra.loadbalancer.LoadBalancer;
import dev.strata.infra.loadbalancer.LoadBalancerArgs;
import dev.strata.infra.monitoring.Monitoring;
import dev.strata.infra.monitoring.MonitoringArgs;
import dev.strata.infra.network.Network;
import dev.strata.infra.network.NetworkArgs;
import dev.strata.infra.settings.ConfigValues;
import dev.strata.infra.settings.StackSettings;
import dev.strata.infra.storage.ArtifactBucket;
import dev.strata.infra.storage.ArtifactBucketArgs;
import dev.strata.infra.storage.LogArchive;

import java.nio.file.Path;

/** The Pulumi program: validates the stack config once, then only wires the components together. */
public final class StrataProgram {
    private StrataProgram() {
    }

    public static void main(String[] args) {
        Pulumi.run(StrataProgram::wire);
    }

    public static void wire(Context ctx) {
        var settings = StackSettings.read(
                new ConfigValues("strata", key -> ctx.config().get(key)),
                new ConfigValues("aws", key -> ctx.config("aws").get(key)),
                ProjectRoot.locate(Path.of("")));
        String prefix = settings.namePrefix();
        var aws = TaggedProvider.create("aws", settings.region(), settings.defaultTags());
        var options = ComponentResourceOptions.builder().providers(aws).build();
        var lookups = new AwsLookups(aws);
        var ami = lookups.ubuntuAmi(settings.fleet().amiId());

        var logs = new LogArchive("logs", prefix, lookups.elbAccountArn(), options);
        var network = new Network("network", new NetworkArgs(settings.network(), lookups.availabilityZones(),
                logs.bucketArn, prefix), options);
        var firewall = new Firewall("firewall", new FirewallArgs(network.vpcId, settings.edge().adminCidr(), prefix),
                options);
        var artifacts = new ArtifactBucket("artifacts", new ArtifactBucketArgs(settings.artifacts(),
                settings.fleet().releaseVersion(), logs.bucketName, prefix), options);
        var database = new Database("database", new DatabaseArgs(settings.database(), network.privateSubnetIds,
                firewall.databaseGroupId, prefix), options);
        var cache = new Cache("cache", new CacheArgs(settings.cache(), network.privateSubnetIds,
                firewall.cacheGroupId, settings.secrets().redisAuthToken(), prefix), options);
        var balancer = new LoadBalancer("edge", new LoadBalancerArgs(network.vpcId, network.publicSubnetIds,
                firewall.loadBalancerGroupId, logs.bucketName, settings.edge().certificateArn(),
                settings.edge().allowPlainHttp(), settings.environment().isProduction(), prefix), options);

        var source = new ArtifactSource(artifacts.bucketName, artifacts.bucketArn, artifacts.keys);
        var data = new DataEndpoints(database.address, database.port, database.masterSecretArn,
                cache.primaryEndpoint, cache.authTokenSecretArn);
        var fleet = new AppFleet("app", new AppFleetArgs(settings.fleet(), settings.region(),
                network.privateSubnetIds, firewall.appGroupId, balancer.targetGroupArn, ami, source, data,
                settings.secrets().adminToken(), prefix), options);
        var monitoring = new Monitoring("monitoring", new MonitoringArgs(settings.edge().monitoringInstanceType(),
                settings.region(), network.privateSubnetIds.applyValue(ids -> ids.get(0)), firewall.monitoringGroupId,
                ami, source, data, settings.secrets().grafanaAdminPassword(), settings.secrets().alertWebhookUrl(),
                balancer.url.applyValue(url -> url + LoadBalancer.HEALTH_PATH), settings.edge().adminCidr(), prefix),
                options);

        ctx.export("loadBalancerDnsName", balancer.dnsName);
        ctx.export("url", balancer.url);
        ctx.export("monitoringAccess", monitoring.accessInstructions);
        ctx.export("databaseEndpoint", database.address);
        ctx.export("redisEndpoint", cache.primaryEndpoint);
        ctx.export("databaseSecretArn", database.masterSecretArn);
        ctx.export("redisAuthTokenSecretArn", cache.authTokenSecretArn);
        ctx.export("adminTokenSecretArn", fleet.adminTokenSecretArn);
        ctx.export("grafanaAdminPasswordSecretArn", monitoring.grafanaSecretArn);
        ctx.export("artifactBucket", artifacts.bucketName);
        ctx.export("appAutoScalingGroup", fleet.groupName);
    }
}
