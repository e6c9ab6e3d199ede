package dev.strata.infra.monitoring;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceRootBlockDeviceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.infra.aws.StoredSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * One private EC2 host with Prometheus (EC2 discovery of the fleet by tag), Alertmanager, Grafana and
 * the PostgreSQL/Redis/blackbox exporters, provisioned from the repository's {@code monitoring/} files.
 * Reached through SSM port forwarding, or from the configured admin network only.
 */
public final class Monitoring extends ComponentResource {
    public static final String TYPE = "strata:infra:Monitoring";

    public final Output<String> instanceId;
    public final Output<String> grafanaSecretArn;
    public final Output<String> accessInstructions;

    public Monitoring(String name, MonitoringArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.grafanaSecretArn = StoredSecret.create(this, name + "-grafana-admin",
                args.namePrefix() + "/grafana-admin-password", "Grafana admin password of the monitoring host",
                args.grafanaAdminPassword());
        Output<String> webhookSecretArn = args.alertWebhookUrl()
                .map(url -> StoredSecret.create(this, name + "-alert-webhook", args.namePrefix() + "/alert-webhook-url",
                        "Alertmanager Slack webhook URL", url))
                .orElse(Output.of(""));
        List<Output<String>> readableSecrets = new ArrayList<>(List.of(args.data().databaseSecretArn(),
                args.data().redisSecretArn(), grafanaSecretArn));
        args.alertWebhookUrl().ifPresent(present -> readableSecrets.add(webhookSecretArn));
        var role = MonitoringHostRole.create(this, name, args, readableSecrets);

        var host = new Instance(name + "-host", InstanceArgs.builder()
                .ami(args.amiId())
                .instanceType(args.instanceType())
                .subnetId(args.subnetId())
                .vpcSecurityGroupIds(args.securityGroupId().applyValue(List::of))
                .associatePublicIpAddress(false)
                .iamInstanceProfile(role.profileName())
                .metadataOptions(InstanceMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled").httpTokens("required").httpPutResponseHopLimit(1).build())
                .rootBlockDevice(InstanceRootBlockDeviceArgs.builder()
                        // Prometheus keeps 15 days of samples here.
                        .volumeSize(50).volumeType("gp3").encrypted(true).deleteOnTermination(true).build())
                .monitoring(true)
                .ebsOptimized(true)
                .userData(MonitoringUserData.render(args, grafanaSecretArn, webhookSecretArn))
                .tags(Map.of("Name", args.namePrefix() + "-monitoring", "strata:role", "monitoring"))
                .build(), childOf(this));

        this.instanceId = host.id();
        this.accessInstructions = host.id().applyValue(id -> accessText(id, args));
        registerOutputs(Map.of("instanceId", instanceId, "grafanaSecretArn", grafanaSecretArn,
                "accessInstructions", accessInstructions));
    }

    private static String accessText(String instanceId, MonitoringArgs args) {
        String forward = "aws ssm start-session --region %s --target %s "
                + "--document-name AWS-StartPortForwardingSession --parameters portNumber=%d,localPortNumber=%d";
        String text = "Grafana: " + forward.formatted(args.region(), instanceId, 3000, 3000)
                + " then open http://localhost:3000 (user admin, password in Secrets Manager: "
                + args.namePrefix() + "/grafana-admin-password). Prometheus: "
                + forward.formatted(args.region(), instanceId, 9090, 9090) + " then open http://localhost:9090.";
        return args.adminCidr().map(cidr -> text + " From " + cidr + " also directly on the host's private address.")
                .orElse(text);
    }
}
