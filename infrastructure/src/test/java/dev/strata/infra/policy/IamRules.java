package dev.strata.infra.policy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.strata.infra.plan.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.strata.infra.policy.PolicyRule.rule;

/** Roles, inline policies, managed policy attachments and the provider's default tags. */
final class IamRules {
    /** AWS-managed policies we accept, each narrower than anything we would write ourselves. */
    static final Set<String> ALLOWED_MANAGED = Set.of(
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
    static final List<String> REQUIRED_TAGS = List.of("strata:project", "strata:environment", "strata:managed-by");

    private IamRules() {
    }

    static List<PolicyRule> rules() {
        return List.of(
                rule("IAM-NO-ADMIN", "Checkov CKV_AWS_62 / CKV_AWS_63 / AWS Config iam-policy-no-statements-with-admin-access",
                        "aws:iam/rolePolicy:RolePolicy",
                        Map.of("policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:x\"}]}"),
                        (policy, stack) -> actions(policy).stream().anyMatch(a -> a.equals("*") || a.endsWith(":*"))
                                ? Optional.of("allows wildcard actions") : Optional.empty()),
                rule("IAM-NO-WILDCARD-RESOURCE", "Checkov CKV_AWS_355 / CKV_AWS_290", "aws:iam/rolePolicy:RolePolicy",
                        Map.of("policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"),
                        (policy, stack) -> values(policy, "Resource").contains("*")
                                ? Optional.of("grants actions on every resource") : Optional.empty()),
                rule("IAM-SERVICE-TRUST-ONLY", "AWSGuard-style: roles assumable by one AWS service only",
                        "aws:iam/role:Role",
                        Map.of("assumeRolePolicy", "{\"Statement\":[{\"Principal\":{\"AWS\":\"*\"}}]}"),
                        (role, stack) -> role.text("assumeRolePolicy").matches(
                                ".*\"Principal\":\\{\"Service\":\"[a-z0-9.-]+\\.amazonaws\\.com\"}.*")
                                ? Optional.empty() : Optional.of("is assumable by something other than an AWS service")),
                rule("IAM-MANAGED-POLICY-ALLOWED", "AWS Config iam-policy-blocklisted-check (inverted: allow-list)",
                        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                        Map.of("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
                        (attachment, stack) -> ALLOWED_MANAGED.contains(attachment.text("policyArn"))
                                ? Optional.empty() : Optional.of("attaches " + attachment.text("policyArn"))),
                rule("TAGS-DEFAULT", "AWS Config required-tags", "pulumi:providers:aws",
                        (provider, stack) -> REQUIRED_TAGS.stream()
                                // Provider inputs of object type reach the engine as JSON text.
                                .allMatch(tag -> provider.text("defaultTags").contains("\"" + tag + "\""))
                                ? Optional.empty() : Optional.of("does not tag every resource with " + REQUIRED_TAGS)),
                rule("TAGS-FLEET-ROLE", "AWS Config required-tags (instances launched by Auto Scaling)",
                        "aws:autoscaling/group:Group",
                        (group, stack) -> group.text("tags").contains("key=strata:role, propagateAtLaunch=true, value=app")
                                ? Optional.empty() : Optional.of("instances miss the strata:role=app discovery tag")));
    }

    private static List<String> actions(RecordedResource policy) {
        return values(policy, "Action");
    }

    private static List<String> values(RecordedResource policy, String field) {
        List<String> values = new ArrayList<>();
        for (JsonElement statement : JsonParser.parseString(policy.text("policy")).getAsJsonObject()
                .getAsJsonArray("Statement")) {
            JsonElement value = statement.getAsJsonObject().get(field);
            if (value == null) {
                continue;
            }
            if (value instanceof JsonArray array) {
                array.forEach(element -> values.add(element.getAsString()));
            } else {
                values.add(value.getAsString());
            }
        }
        return values;
    }

}
