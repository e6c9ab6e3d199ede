package dev.strata.infra.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {
    @TempDir
    Path out;

    @Test
    void writesTheGraphAndASummaryWithCostsForTheDevStack() throws IOException {
        int code = PlanCommand.run(new String[] {"--stack", "dev", "--out", out.toString()});

        assertThat(code).isZero();
        String plan = Files.readString(out.resolve("plan.json"));
        assertThat(plan).startsWith("[").contains("\"type\": \"aws:rds/instance:Instance\"")
                .contains("\"urn\": \"urn:pulumi:dev::strata::");
        String summary = Files.readString(out.resolve("summary.txt"));
        assertThat(summary).contains("Plan for stack 'dev'").contains("aws:ec2/natGateway:NatGateway")
                .contains("app hosts: 1 x t3.medium").contains("TOTAL");
    }

    @Test
    void badArgumentsAndUnknownStacksAreUsageErrors() {
        assertThat(PlanCommand.run(new String[] {"--stack"})).isEqualTo(2);
        assertThat(PlanCommand.run(new String[] {"--stack", "nosuchstack", "--out", out.toString()})).isEqualTo(2);
        assertThat(PlanCommand.run(new String[] {"--stack", "../etc", "--out", out.toString()})).isEqualTo(2);
    }

    @Test
    void prodCostsMoreThanDevBecauseOfRedundancy() {
        double dev = PlanSummary.monthlyUsd(ShippedStacks.dev());
        double prod = PlanSummary.monthlyUsd(ShippedStacks.prod());

        assertThat(dev).isGreaterThan(50);
        assertThat(prod).isGreaterThan(3 * dev);
    }
}
