package dev.strata.infra.database;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.rds.outputs.InstanceMasterUserSecret;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.infra.aws.PolicyJson;

import java.util.Map;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * RDS PostgreSQL for the durable tier. The master password is generated and kept by RDS in Secrets
 * Manager ({@code manageMasterUserPassword}), so it never passes through Pulumi state or outputs.
 */
public final class Database extends ComponentResource {
    public static final String TYPE = "strata:infra:Database";
    public static final String DATABASE_NAME = "strata";
    public static final String MASTER_USERNAME = "strata";
    static final String ENGINE_VERSION = "17";
    static final String PARAMETER_FAMILY = "postgres17";

    public final Output<String> address;
    public final Output<Integer> port;
    /** ARN of the RDS-managed secret holding {@code {"username": ..., "password": ...}}. */
    public final Output<String> masterSecretArn;

    public Database(String name, DatabaseArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var settings = args.settings();
        var subnets = new SubnetGroup(name + "-subnets", SubnetGroupArgs.builder()
                .name(args.namePrefix() + "-db")
                .description("Private subnets of the Strata database")
                .subnetIds(args.subnetIds())
                .build(), childOf(this));
        var parameters = new ParameterGroup(name + "-parameters", ParameterGroupArgs.builder()
                .name(args.namePrefix() + "-" + PARAMETER_FAMILY)
                .family(PARAMETER_FAMILY)
                .description("Strata: TLS required, slow statements logged")
                .parameters(
                        // Clients without TLS are refused by the server itself, not just by convention.
                        parameter("rds.force_ssl", "1"),
                        parameter("log_min_duration_statement", "1000"),
                        parameter("log_connections", "1"),
                        parameter("log_disconnections", "1"))
                .build(), childOf(this));
        var monitoringRole = new Role(name + "-monitoring-role", RoleArgs.builder()
                .description("Lets RDS publish enhanced monitoring metrics")
                .assumeRolePolicy(PolicyJson.assumableBy("monitoring.rds.amazonaws.com"))
                .build(), childOf(this));
        new RolePolicyAttachment(name + "-monitoring-policy", RolePolicyAttachmentArgs.builder()
                .role(monitoringRole.name())
                .policyArn("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole")
                .build(), childOf(this));

        var instance = new Instance(name + "-instance", InstanceArgs.builder()
                .identifier(args.namePrefix() + "-db")
                .engine("postgres").engineVersion(ENGINE_VERSION)
                .instanceClass(settings.instanceClass())
                .allocatedStorage(settings.allocatedStorageGb())
                .maxAllocatedStorage(settings.maxAllocatedStorageGb())
                .storageType("gp3").storageEncrypted(true)
                .dbName(DATABASE_NAME).username(MASTER_USERNAME)
                .manageMasterUserPassword(true)
                .iamDatabaseAuthenticationEnabled(true)
                .dbSubnetGroupName(subnets.name())
                .vpcSecurityGroupIds(args.securityGroupId().applyValue(java.util.List::of))
                .parameterGroupName(parameters.name())
                .publiclyAccessible(false)
                .multiAz(settings.multiAz())
                .deletionProtection(settings.deletionProtection())
                .backupRetentionPeriod(settings.backupRetentionDays())
                .backupWindow("03:00-04:00").maintenanceWindow("sun:04:30-sun:05:30")
                .copyTagsToSnapshot(true)
                .deleteAutomatedBackups(false)
                .skipFinalSnapshot(false).finalSnapshotIdentifier(args.namePrefix() + "-db-final")
                .autoMinorVersionUpgrade(true)
                .enabledCloudwatchLogsExports("postgresql", "upgrade")
                .performanceInsightsEnabled(true).performanceInsightsRetentionPeriod(7)
                .monitoringInterval(60).monitoringRoleArn(monitoringRole.arn())
                .build(), childOf(this));

        this.address = instance.address();
        this.port = instance.port();
        this.masterSecretArn = instance.masterUserSecrets().applyValue(secrets -> secrets.stream()
                .findFirst().flatMap(InstanceMasterUserSecret::secretArn)
                .orElseThrow(() -> new IllegalStateException("RDS returned no managed master user secret")));
        registerOutputs(Map.of("address", address, "port", port, "masterSecretArn", masterSecretArn));
    }

    private static ParameterGroupParameterArgs parameter(String parameterName, String value) {
        // pending-reboot works for static and dynamic parameters alike.
        return ParameterGroupParameterArgs.builder().name(parameterName).value(value).applyMethod("pending-reboot")
                .build();
    }
}
