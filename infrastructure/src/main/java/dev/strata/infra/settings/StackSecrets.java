package dev.strata.infra.settings;

import com.pulumi.core.Output;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Secret stack config values (set with {@code pulumi config set --secret}). They stay Pulumi secrets
 * from here on: encrypted in state, stored into Secrets Manager, never exported or logged.
 *
 * <p>Why secret config and not an AWS-side generator: {@code aws.secretsmanager.getRandomPassword} is a
 * data source, so it returns a new value on every {@code pulumi up}, which would rotate the Redis auth
 * token (and drop every client) on each deployment; {@code com.pulumi:random} is not available to us.
 * The database master password needs neither: RDS generates and stores it in Secrets Manager itself.
 */
public record StackSecrets(Output<String> redisAuthToken, Output<String> adminToken,
                           Output<String> grafanaAdminPassword, Optional<Output<String>> alertWebhookUrl) {
    // ElastiCache allows 16-128 printable characters; we keep to letters, digits and '-' because the
    // token is embedded in the rediss:// URL of the server's environment file without escaping.
    private static final Pattern REDIS_TOKEN = Pattern.compile("[A-Za-z0-9-]{32,128}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{32,256}");
    private static final Pattern PASSWORD = Pattern.compile("\\S{16,128}");
    private static final Pattern WEBHOOK = Pattern.compile("https://\\S{8,2000}");
    private static final String GENERATE = "generate one with: pulumi config set --secret %s \"$(openssl rand -hex 32)\"";

    static StackSecrets read(ConfigValues config) {
        return new StackSecrets(
                secret(config, "redisAuthToken", REDIS_TOKEN, "must be 32-128 letters, digits or '-'"),
                secret(config, "adminToken", TOKEN, "must be 32-256 URL-safe characters"),
                secret(config, "grafanaAdminPassword", PASSWORD, "must be 16-128 characters without spaces"),
                // Optional: without it Alertmanager runs but cannot notify anyone (see DEPLOYMENT_GUIDE.md).
                config.optional("alertWebhookUrl").map(present -> Output.ofSecret(config.secret("alertWebhookUrl",
                        WEBHOOK, "must be an https:// webhook URL", "")))); 
    }

    private static Output<String> secret(ConfigValues config, String key, Pattern rule, String expectation) {
        String hint = GENERATE.formatted(config.fullKey(key));
        return Output.ofSecret(config.secret(key, rule, expectation, hint));
    }
}
