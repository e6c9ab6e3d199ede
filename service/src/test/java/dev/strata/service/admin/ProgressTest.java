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
