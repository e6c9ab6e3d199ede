package dev.strata.infra.host;

import com.pulumi.core.Output;

/**
 * Where hosts find PostgreSQL and Redis and the secrets to log in; all non-secret (ARNs, not values).
 *
 * @param databaseHost       RDS address
 * @param databasePort       RDS port
 * @param databaseSecretArn  the RDS-managed master user secret
 * @param redisHost          ElastiCache primary endpoint
 * @param redisSecretArn     the Redis AUTH token secret
 */
public record DataEndpoints(Output<String> databaseHost, Output<Integer> databasePort,
                            Output<String> databaseSecretArn, Output<String> redisHost,
                            Output<String> redisSecretArn) {
}
