package dev.strata.infra.policy;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;

import java.util.Map;
import java.util.Optional;

/**
 * One security or reliability rule over recorded resources of one type.
 *
 * @param id              our identifier, used by the allow-list
 * @param mirrors         the well-known rule it is modelled on (Checkov id and/or AWS Config rule, which
 *                        Pulumi AWSGuard follows)
 * @param type            the Pulumi type token it applies to
 * @param check           returns the problem, or empty when the resource complies
 * @param counterexample  inputs of a resource that must violate the rule (proves the rule can fail)
 */
public record PolicyRule(String id, String mirrors, String type, Check check, Map<String, Object> counterexample) {

    /** The rule's logic; the whole stack is there for rules that look at related resources. */
    @FunctionalInterface
    public interface Check {
        Optional<String> problem(RecordedResource resource, RecordedStack stack);
    }

    static PolicyRule rule(String id, String mirrors, String type, Check check) {
        return new PolicyRule(id, mirrors, type, check, Map.of());
    }

    static PolicyRule rule(String id, String mirrors, String type, Map<String, Object> counterexample, Check check) {
        return new PolicyRule(id, mirrors, type, check, counterexample);
    }

    /** A check that the input at {@code path} equals {@code expected} (booleans also accept "true"). */
    static Check requires(Object expected, String message, Object... path) {
        return (resource, stack) -> {
            Optional<Object> actual = resource.input(path);
            boolean matches = actual.map(value -> value.equals(expected) || value.toString().equals(expected.toString()))
                    .orElse(false);
            return matches ? Optional.empty() : Optional.of(message + " (is " + actual.orElse("unset") + ")");
        };
    }

    @Override
    public String toString() {
        return id + " [" + mirrors + "]";
    }
}
