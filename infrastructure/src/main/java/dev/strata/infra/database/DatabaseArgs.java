package dev.strata.infra.database;

import com.pulumi.core.Output;
import dev.strata.infra.settings.DatabaseSettings;

import java.util.List;

/**
 * @param settings          size, backups and production protections
 * @param subnetIds         private subnets the instance (and its standby) live in
 * @param securityGroupId   the database group, reachable only from the app and monitoring groups
 * @param namePrefix        prefix of the RDS identifiers
 */
public record DatabaseArgs(DatabaseSettings settings, Output<List<String>> subnetIds, Output<String> securityGroupId,
                           String namePrefix) {
}
