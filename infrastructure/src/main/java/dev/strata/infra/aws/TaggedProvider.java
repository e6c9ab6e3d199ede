package dev.strata.infra.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;

import java.util.Map;

/** The explicit AWS provider every component uses: pinned region and the stack's default tags. */
public final class TaggedProvider {
    private TaggedProvider() {
    }

    public static Provider create(String name, String region, Map<String, String> defaultTags) {
        return new Provider(name, ProviderArgs.builder()
                .region(region)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(defaultTags).build())
                .build());
    }
}
