package dev.strata.infra.policy;

import dev.strata.infra.plan.RecordedResource;
import dev.strata.infra.plan.RecordedStack;

import java.util.Optional;

/**
 * Finds resources configuring another one. Under the mocks an id is the logical name plus "-id"
 * (AwsMocks), so "the encryption config of bucket X" is the one whose {@code bucket} input is X's id.
 */
final class Related {
    private Related() {
    }

    static String idOf(RecordedResource resource) {
        return resource.name() + "-id";
    }

    static Optional<RecordedResource> pointingAt(RecordedStack stack, String type, String input,
                                                 RecordedResource target) {
        return stack.ofType(type).stream().filter(candidate -> candidate.text(input).equals(idOf(target)))
                .findFirst();
    }

    static Optional<String> missing(Optional<RecordedResource> related, String what) {
        return related.isPresent() ? Optional.empty() : Optional.of("has no " + what);
    }
}
