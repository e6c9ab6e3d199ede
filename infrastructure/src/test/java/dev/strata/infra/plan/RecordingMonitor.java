package dev.strata.infra.plan;

import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's mock monitor, plus a record of every registration with its parent and inputs, which is
 * what the plan and the policy suite inspect. The mocks still answer the program exactly as before.
 */
final class RecordingMonitor extends MockMonitor {
    private final Collection<RecordedResource> records;

    RecordingMonitor(Mocks mocks, Collection<RecordedResource> records) {
        super(mocks, PulumiTestInternal.mockLog());
        this.records = records;
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                             RegisterResourceRequest request) {
        var inputs = StructValues.toMap(request.getObject());
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            records.add(new RecordedResource(response.getUrn(), request.getType(), request.getName(),
                    request.getParent(), request.getCustom(), inputs));
            return response;
        });
    }
}
