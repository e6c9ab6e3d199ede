package dev.strata.infra.settings;

import dev.strata.infra.plan.RecordedStack;
import dev.strata.infra.plan.ShippedStacks;
import dev.strata.infra.plan.StackRun;
import org.junit.jupiter.api.Test;

import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad value fails the whole program run (what `pulumi up` sees) before any resource is declared. */
class ConfigValidationThroughPulumiTest {
    @Test
    void badValueStopsTheRunWithTheKeyInTheError() {
        var config = new HashMap<>(ShippedStacks.config("prod"));
        config.put("strata:azCount", "5");

        RecordedStack run = StackRun.run("prod", config);

        assertThat(run.errors()).anySatisfy(error -> assertThat(error)
                .contains("InvalidStackConfigException", "'strata:azCount' = '5'", "between 2 and 3"));
        assertThat(run.cloudResources()).isEmpty();
    }

    @Test
    void plainHttpInProductionIsRefused() {
        var config = new HashMap<>(ShippedStacks.config("prod"));
        config.put("strata:allowPlainHttp", "true");

        assertThat(StackRun.run("prod", config).errors()).anySatisfy(error -> assertThat(error)
                .contains("strata:allowPlainHttp", "not allowed in prod"));
    }
}
