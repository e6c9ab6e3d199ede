package dev.strata.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar is drawn only on a terminal and when wanted; with an unknown total it still shows count and rate. */
class ProgressTest {

    @Test
    void drawsOnATerminalWithCountAndRateEvenWithoutATotal() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.start("prune", -1, " items", true, true, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            assertThat(progress.shown()).isTrue();
            progress.stepBy(1234);
            Thread.sleep(1200);
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("prune").contains("1234").contains("items/s");
    }

    @Test
    void anExpectedTotalSetAfterTheStartGivesPercentAndEtaAndTheBarEndsAtWhatWasDone() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.start("stats", -1, " items", true, true, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            progress.expect(4000);
            progress.stepBy(1000);
            Thread.sleep(1200);
            String drawn = bytes.toString(StandardCharsets.UTF_8);
            // "stats  25% [==  ] 1000/4000 items (0:00:01 / 0:00:03) …": elapsed / remaining.
            assertThat(drawn).contains("25%").contains("1000/4000").containsPattern("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)");
            progress.stepBy(500);
        }
        // The estimate was high (1500 done): the bar closes at 100 % of what was done, not at 37 %.
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("100%").contains("1500/1500");
    }

    @Test
    void nothingIsDrawnWhenNotWantedOrNotOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress unwanted = Progress.start("stats", 10, " items", false, true, stream);
             Progress piped = Progress.start("stats", 10, " items", true, false, stream)) {
            unwanted.stepBy(5);
            piped.stepBy(5);
            assertThat(unwanted.shown()).isFalse();
            assertThat(piped.shown()).isFalse();
        }
        assertThat(bytes.size()).isZero();
    }
}
