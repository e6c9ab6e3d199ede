package dev.strata.infra.aws;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/** Resource options for a child of a component: parented so that it inherits the explicit provider. */
public final class ChildOptions {
    private ChildOptions() {
    }

    public static CustomResourceOptions childOf(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).build();
    }
}
