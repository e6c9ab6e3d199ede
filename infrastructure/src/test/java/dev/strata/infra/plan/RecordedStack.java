package dev.strata.infra.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one mocked run of the program produced: the resource graph (sorted by URN), the stack
 * outputs (secret ones masked) and the errors the run reported.
 */
public record RecordedStack(List<RecordedResource> resources, Map<String, Object> outputs, List<String> errors) {

    public RecordedStack {
        resources = resources.stream().sorted(Comparator.comparing(RecordedResource::urn)).toList();
    }

    public List<RecordedResource> ofType(String type) {
        return resources.stream().filter(resource -> resource.type().equals(type)).toList();
    }

    public RecordedResource named(String name) {
        return resources.stream().filter(resource -> resource.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource named " + name));
    }

    public RecordedResource single(String type) {
        List<RecordedResource> matches = ofType(type);
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type + " but found " + matches.size());
        }
        return matches.get(0);
    }

    public List<RecordedResource> childrenOf(RecordedResource parent) {
        return resources.stream().filter(resource -> Objects.equals(resource.parent(), parent.urn())).toList();
    }

    /** Custom resources only (no stack, no components): what AWS would actually create. */
    public List<RecordedResource> cloudResources() {
        return resources.stream().filter(RecordedResource::custom)
                .filter(resource -> !resource.type().startsWith("pulumi:providers:")).toList();
    }
}
