package jgrad.train;

import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsAndOutputTest {

    @TempDir
    Path dir;

    @Test
    void confusionMatrixMetricsByHand() {
        // true:      0 0 0 1 1 2
        // predicted: 0 0 1 1 2 2
        var cm = new ConfusionMatrix(3).add(Tensor.of(new long[] {0, 0, 1, 1, 2, 2}), Tensor.of(new long[] {0, 0, 0, 1, 1, 2}));
        assertThat(cm.count(0, 1)).isEqualTo(1);
        assertThat(cm.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(cm.precision(0)).isEqualTo(1.0);               // 2 predicted 0, both right
        assertThat(cm.recall(0)).isCloseTo(2 / 3.0, within(1e-12)); // 3 true 0s, 2 found
        assertThat(cm.f1(0)).isCloseTo(0.8, within(1e-12));        // 2 * 1 * 2/3 / (5/3)
        assertThat(cm.precision(2)).isEqualTo(0.5);
        assertThat(cm.recall(2)).isEqualTo(1.0);
        assertThat(cm.support(1)).isEqualTo(2);
        assertThat(cm.report()).contains("precision", "accuracy", "0.6667", "macro");
        assertThat(new ConfusionMatrix(2).precision(0)).as("no predictions: 0, not NaN").isEqualTo(0.0);
    }

    @Test
    void progressWritesPlainQuarterLinesWhenNotATerminal() {
        var bytes = new ByteArrayOutputStream();
        var progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "epoch 1/1", 8);
        for (int i = 0; i < 8; i++) progress.step(1.0 / (i + 1));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).startsWith("epoch 1/1 8/8").contains("it/s", "ETA 0:00", "loss 0.1250");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void progressRedrawsOneLineOnATerminal() {
        var bytes = new ByteArrayOutputStream();
        var progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, "train", 4);
        for (int i = 0; i < 4; i++) progress.step(0.5);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.chars().filter(c -> c == '\r').count()).isEqualTo(4);
        assertThat(text).contains("[========================] 4/4").endsWith("\n");
        assertThat(Progress.clock(3725)).isEqualTo("1:02:05");
    }
}
