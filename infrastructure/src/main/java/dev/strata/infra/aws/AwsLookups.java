package dev.strata.infra.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.elb.ElbFunctions;
import com.pulumi.aws.elb.inputs.GetServiceAccountArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.outputs.GetAvailabilityZonesResult;
import com.pulumi.aws.ssm.SsmFunctions;
import com.pulumi.aws.ssm.inputs.GetParameterArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ProviderResource;

import java.util.List;
import java.util.Optional;

/** Read-only questions to AWS, asked through the stack's explicit provider (and so its region). */
public final class AwsLookups {
    /** Canonical's public parameter naming the current Ubuntu 24.04 LTS amd64 image. */
    public static final String UBUNTU_AMI_PARAMETER =
            "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";

    private final InvokeOptions options;

    public AwsLookups(ProviderResource provider) {
        this.options = InvokeOptions.builder().provider(provider).build();
    }

    public Output<List<String>> availabilityZones() {
        return AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder().state("available").build(), options)
                .applyValue(GetAvailabilityZonesResult::names);
    }

    /** The pinned image if configured, otherwise the current Ubuntu 24.04 image. */
    public Output<String> ubuntuAmi(Optional<String> pinned) {
        return pinned.map(Output::of).orElseGet(() -> SsmFunctions.getParameter(
                GetParameterArgs.builder().name(UBUNTU_AMI_PARAMETER).build(), options)
                .applyValue(result -> result.value()));
    }

    /** The Elastic Load Balancing account of the region, which writes ALB access logs. */
    public Output<String> elbAccountArn() {
        return ElbFunctions.getServiceAccount(GetServiceAccountArgs.builder().build(), options)
                .applyValue(result -> result.arn());
    }
}
