package dev.strata.infra.plan;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.strata.infra.StrataProgram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** Runs the real program once under {@link AwsMocks} with a given stack config and records the result. */
public final class StackRun {
    public static final String PROJECT = "strata";
    static final int RUN_TIMEOUT_SECONDS = 60;

    private StackRun() {
    }

    /** @param config {@code namespace:key → value}; keys in {@link StackConfigFile#REQUIRED_SECRETS} are marked secret */
    public static RecordedStack run(String stackName, Map<String, String> config) {
        var mocks = new AwsMocks(config.getOrDefault("aws:region", "eu-west-1"));
        var records = new ConcurrentLinkedQueue<RecordedResource>();
        Set<String> secretKeys = config.keySet().stream()
                .filter(key -> StackConfigFile.REQUIRED_SECRETS.contains(key) || key.equals("strata:alertWebhookUrl"))
                .collect(Collectors.toSet());
        var test = PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName(PROJECT).stackName(stackName).preview(false).build())
                .config(config, secretKeys)
                .mocks(mocks)
                .monitorDecorator(original -> new RecordingMonitor(mocks, records))
                .build();
        try {
            TestResult result = await(test.runTestAsync(StrataProgram::wire), records);
            List<String> errors = new ArrayList<>(result.errors());
            result.exceptions().forEach(exception -> errors.add(rootMessage(exception)));
            Map<String, Object> outputs = new TreeMap<>();
            if (errors.isEmpty()) {
                result.outputs().forEach((key, output) -> outputs.put(key, plain(output)));
            }
            return new RecordedStack(new ArrayList<>(records), outputs, errors);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** A run that never completes (an exception lost inside an apply, a mock that never answers) fails here. */
    private static TestResult await(CompletableFuture<TestResult> run, Collection<RecordedResource> records) {
        try {
            return run.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException stuck) {
            throw new AssertionError("the program did not finish within " + RUN_TIMEOUT_SECONDS + " s; "
                    + records.size() + " resources were registered", stuck);
        } catch (InterruptedException | ExecutionException failed) {
            throw new AssertionError("the mocked run failed", failed);
        }
    }

    private static Object plain(Output<?> output) {
        var data = PulumiTestInternal.extractOutputData(output);
        return data.isSecret() ? StructValues.SECRET : data.getValueNullable();
    }

    private static String rootMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
