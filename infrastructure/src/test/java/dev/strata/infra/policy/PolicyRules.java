package dev.strata.infra.policy;

import java.util.List;
import java.util.stream.Stream;

/** The whole policy suite: an explicit list, no scanning. */
final class PolicyRules {
    private PolicyRules() {
    }

    static List<PolicyRule> all() {
        return Stream.of(StorageRules.rules(), NetworkRules.rules(), DataRules.rules(), ComputeRules.rules(),
                EdgeRules.rules(), IamRules.rules()).flatMap(List::stream).toList();
    }
}
