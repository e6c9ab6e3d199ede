package dev.strata.infra.settings;

import java.util.regex.Pattern;

/**
 * @param instanceClass          RDS class; the default db.m7g.xlarge is the nearest Multi-AZ-capable class
 *                               to the 4 vCPU / 8 GB target (RDS has no 4 vCPU class with less than 16 GiB)
 * @param allocatedStorageGb     initial gp3 storage
 * @param maxAllocatedStorageGb  storage autoscaling ceiling
 * @param backupRetentionDays    automated backup (point-in-time restore) window
 * @param multiAz                synchronous standby in a second zone
 * @param deletionProtection     refuse DeleteDBInstance until switched off
 */
public record DatabaseSettings(String instanceClass, int allocatedStorageGb, int maxAllocatedStorageGb,
                               int backupRetentionDays, boolean multiAz, boolean deletionProtection) {
    private static final Pattern DB_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");

    static DatabaseSettings read(ConfigValues config, Environment environment) {
        String instanceClass = config.text("dbInstanceClass", "db.m7g.xlarge", DB_CLASS,
                "must be an RDS instance class such as db.m7g.xlarge");
        int storage = config.integer("dbAllocatedStorageGb", 100, 20, 65_536);
        int maxStorage = config.integer("dbMaxAllocatedStorageGb", Math.max(400, storage), storage, 65_536);
        int retention = config.integer("dbBackupRetentionDays", environment.isProduction() ? 14 : 7,
                environment.isProduction() ? 7 : 1, 35);
        return new DatabaseSettings(instanceClass, storage, maxStorage, retention,
                environment.isProduction(), environment.isProduction());
    }
}
