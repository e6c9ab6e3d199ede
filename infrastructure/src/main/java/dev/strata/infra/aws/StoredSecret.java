package dev.strata.infra.aws;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import static dev.strata.infra.aws.ChildOptions.childOf;

/**
 * A Secrets Manager secret holding one string value that comes from secret stack config. Hosts read it
 * at boot with their instance role; the value never appears in user data, outputs or logs.
 */
public final class StoredSecret {
    /** Days a deleted secret can still be restored: long enough to notice a mistaken {@code pulumi destroy}. */
    static final int RECOVERY_WINDOW_DAYS = 30;

    private StoredSecret() {
    }

    /** @return the secret's ARN */
    public static Output<String> create(Resource owner, String resourceName, String secretName, String description,
                                        Output<String> value) {
        var secret = new Secret(resourceName, SecretArgs.builder()
                .name(secretName)
                .description(description)
                .recoveryWindowInDays(RECOVERY_WINDOW_DAYS)
                .build(), childOf(owner));
        new SecretVersion(resourceName + "-value", SecretVersionArgs.builder()
                .secretId(secret.id())
                .secretString(value.asSecret())
                .build(), childOf(owner));
        return secret.arn();
    }
}
