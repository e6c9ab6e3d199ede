package dev.strata.infra.database;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.ShippedStacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {
    static final String RDS = "aws:rds/instance:Instance";

    @Test
    void productionIsMultiAzProtectedAndKeepsTwoWeeksOfBackups() {
        RecordedResource db = ShippedStacks.prod().single(RDS);

        assertThat(db.isTrue("multiAz")).isTrue();
        assertThat(db.isTrue("deletionProtection")).isTrue();
        assertThat(db.number("backupRetentionPeriod")).isEqualTo(14);
        assertThat(db.text("instanceClass")).isEqualTo("db.m7g.xlarge");
        assertThat(db.isTrue("skipFinalSnapshot")).isFalse();
        assertThat(db.text("finalSnapshotIdentifier")).isEqualTo("strata-prod-db-final");
    }

    @Test
    void devIsSingleAzWithTheConfiguredClass() {
        RecordedResource db = ShippedStacks.dev().single(RDS);

        assertThat(db.isTrue("multiAz")).isFalse();
        assertThat(db.isTrue("deletionProtection")).isFalse();
        assertThat(db.text("instanceClass")).isEqualTo("db.t4g.medium");
        assertThat(db.number("allocatedStorage")).isEqualTo(20);
    }

    @Test
    void privateEncryptedAndThePasswordNeverTouchesPulumi() {
        RecordedResource db = ShippedStacks.prod().single(RDS);

        assertThat(db.isTrue("storageEncrypted")).isTrue();
        assertThat(db.isTrue("publiclyAccessible")).isFalse();
        assertThat(db.isTrue("manageMasterUserPassword")).isTrue();
        assertThat(db.input("password")).isEmpty();
        assertThat(db.text("dbSubnetGroupName")).isEqualTo("strata-prod-db");
        assertThat(db.text("vpcSecurityGroupIds")).isEqualTo("[firewall-db-id]");
        assertThat(ShippedStacks.prod().outputs().get("databaseSecretArn")).asString().contains(":secret:rds!db-");
    }

    @Test
    void tlsIsForcedAndMonitoringIsOn() {
        var prod = ShippedStacks.prod();
        RecordedResource db = prod.single(RDS);

        assertThat(prod.single("aws:rds/parameterGroup:ParameterGroup").text("parameters"))
                .contains("name=rds.force_ssl, value=1");
        assertThat(db.text("parameterGroupName")).isEqualTo("strata-prod-postgres17");
        assertThat(db.text("enabledCloudwatchLogsExports")).contains("postgresql", "upgrade");
        assertThat(db.isTrue("performanceInsightsEnabled")).isTrue();
        assertThat(db.number("monitoringInterval")).isEqualTo(60);
        assertThat(db.text("monitoringRoleArn")).contains("database-monitoring-role");
    }
}
