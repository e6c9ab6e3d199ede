package dev.strata.infra.loadbalancer;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Optional;

/**
 * @param vpcId             for the target group
 * @param subnetIds         public subnets
 * @param securityGroupId   the ALB group
 * @param logBucketName     the log archive (access logs under {@code alb/})
 * @param certificateArn    ACM certificate; present → HTTPS listener plus HTTP→HTTPS redirect
 * @param allowPlainHttp    no certificate and the stack explicitly allows forwarding plain HTTP
 * @param deletionProtection refuse deleting the ALB (production)
 * @param namePrefix        prefix of AWS names (ALB names are capped at 32 characters)
 */
public record LoadBalancerArgs(Output<String> vpcId, Output<List<String>> subnetIds, Output<String> securityGroupId,
                               Output<String> logBucketName, Optional<String> certificateArn, boolean allowPlainHttp,
                               boolean deletionProtection, String namePrefix) {
}
