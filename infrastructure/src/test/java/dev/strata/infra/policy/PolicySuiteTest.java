package dev.strata.infra.policy;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;
import dev.strata.infra.plan.ShippedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every policy rule over every recorded resource of the shipped stacks. */
class PolicySuiteTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyResourceCompliesOrIsAllowListed(String stackName) {
        List<String> violations = new ArrayList<>();
        evaluate(stackName, (rule, resource, problem) -> {
            if (!PolicyAllowList.allows(rule.id(), stackName, resource.name())) {
                violations.add(resource.name() + " (" + resource.type() + ") " + problem + " — " + rule);
            }
        });

        assertThat(violations).as("policy violations in stack " + stackName).isEmpty();
    }

    @Test
    void everyAllowListEntryIsStillNeeded() {
        Set<PolicyAllowList.Exception> used = new HashSet<>();
        for (String stackName : List.of("dev", "prod")) {
            evaluate(stackName, (rule, resource, problem) -> PolicyAllowList.ENTRIES.stream()
                    .filter(entry -> entry.covers(rule.id(), stackName, resource.name())).forEach(used::add));
        }

        assertThat(PolicyAllowList.ENTRIES).as("stale allow-list entries").allMatch(used::contains);
    }

    @Test
    void everyRuleCatchesItsCounterexample() {
        var empty = new RecordedStack(List.of(), Map.of(), List.of());
        for (PolicyRule rule : PolicyRules.all()) {
            var bad = new RecordedResource("urn:counterexample", rule.type(), "counterexample", "", true,
                    rule.counterexample());

            assertThat(rule.check().problem(bad, empty)).as(rule.toString()).isPresent();
        }
    }

    @Test
    void everyRuleAppliesToSomethingInProduction() {
        var prod = ShippedStacks.prod();

        assertThat(PolicyRules.all()).allSatisfy(rule -> assertThat(prod.ofType(rule.type()))
                .as("resources checked by " + rule).isNotEmpty());
    }

    @Test
    void everyRuleNamesTheRuleItMirrors() {
        assertThat(PolicyRules.all()).allSatisfy(rule -> assertThat(rule.mirrors()).isNotBlank());
    }

    private interface Violation {
        void found(PolicyRule rule, RecordedResource resource, String problem);
    }

    private static void evaluate(String stackName, Violation sink) {
        RecordedStack stack = stackName.equals("dev") ? ShippedStacks.dev() : ShippedStacks.prod();
        for (PolicyRule rule : PolicyRules.all()) {
            for (RecordedResource resource : stack.ofType(rule.type())) {
                rule.check().problem(resource, stack).ifPresent(problem -> sink.found(rule, resource, problem));
            }
        }
    }
}
