package dev.strata.infra.aws;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds IAM and bucket policy documents as JSON, so that statements are data (checked by the policy
 * tests) rather than hand-escaped strings.
 */
public final class PolicyJson {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private final List<Map<String, Object>> statements = new ArrayList<>();

    public static PolicyJson document() {
        return new PolicyJson();
    }

    /** An identity-policy statement: allow {@code actions} on {@code resources}. */
    public PolicyJson allow(String sid, List<String> actions, List<String> resources) {
        return allow(sid, actions, resources, null);
    }

    public PolicyJson allow(String sid, List<String> actions, List<String> resources, Map<String, Object> condition) {
        return add(statement(sid, "Allow", null, actions, resources, condition));
    }

    /** A resource-policy statement naming the principal, e.g. {@code Map.of("Service", "logging.s3.amazonaws.com")}. */
    public PolicyJson allowPrincipal(String sid, Map<String, Object> principal, List<String> actions,
                                     List<String> resources, Map<String, Object> condition) {
        return add(statement(sid, "Allow", principal, actions, resources, condition));
    }

    /** The standard "deny anything over plain HTTP" bucket statement (AWS Foundational Security Best Practices S3.5). */
    public PolicyJson denyInsecureTransport(String bucketArn) {
        return add(statement("DenyInsecureTransport", "Deny", "*", List.of("s3:*"),
                List.of(bucketArn, bucketArn + "/*"), Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements);
        return GSON.toJson(document);
    }

    /** The trust policy letting one AWS service assume a role. */
    public static String assumableBy(String service) {
        Map<String, Object> statement = statement(null, "Allow", Map.of("Service", service),
                List.of("sts:AssumeRole"), null, null);
        // Ordered map: Map.of iterates in a per-JVM random order, which would make the JSON unstable.
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", List.of(statement));
        return GSON.toJson(document);
    }

    private PolicyJson add(Map<String, Object> statement) {
        statements.add(statement);
        return this;
    }

    private static Map<String, Object> statement(String sid, String effect, Object principal, List<String> actions,
                                                 List<String> resources, Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        if (sid != null) {
            statement.put("Sid", sid);
        }
        statement.put("Effect", effect);
        if (principal != null) {
            statement.put("Principal", principal);
        }
        statement.put("Action", actions);
        if (resources != null) {
            statement.put("Resource", resources);
        }
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }
}
