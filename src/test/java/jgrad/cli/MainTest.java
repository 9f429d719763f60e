package jgrad.cli;

import jgrad.io.Safetensors;
import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void trainWritesACheckpointAndCurvesThatEvalReads() throws IOException {
        Path out = dir.resolve("run");
        assertThat(Main.run(new String[] {"train", "--model", "mlp", "--dataset", "circles", "--epochs", "2", "--lr", "0.01",
                "--train-size", "200", "--batch-size", "32", "--out", out.toString()})).isZero();
        Pictures.assertDrawnPng(out.resolve("curves.png"));
        var checkpoint = Safetensors.read(out.resolve("model.safetensors"));
        assertThat(checkpoint.metadata()).containsEntry("model", "mlp").containsEntry("dataset", "circles");
        assertThat(checkpoint.tensors()).containsKey("layers.1.weight");
        assertThat(Main.run(new String[] {"eval", "--checkpoint", out.resolve("model.safetensors").toString()})).isZero();
    }

    /**
     * The README demo's path (DigitsDemo: {@code train --model cnn --dataset digits}, AdamW 1e-3, cosine
     * schedule, the full W3 network) on a fifth of its data for two epochs: about 10 s. The demo itself
     * (10,000 digits, 3 epochs) reaches 0.997; this run reaches 0.903; the bound of 0.87 leaves a
     * few points for another machine's fonts.
     */
    @Test
    void theDemoTrainingPathLearnsRenderedDigits() throws IOException {
        Path out = dir.resolve("demo");
        var result = Main.train("--model", "cnn", "--dataset", "digits", "--epochs", "2", "--lr", "1e-3",
                "--train-size", "2000", "--out", out.toString());
        assertThat(result.accuracy()).as("test accuracy on 2000 rendered digits, chance 0.1").isGreaterThan(0.87);
        Pictures.assertDrawnPng(out.resolve("curves.png"));
    }

    @Test
    void numbersOutsideTheirRangeAreRejectedBeforeTraining() {
        for (String lr : new String[] {"Infinity", "NaN", "0", "-1e-3"}) {
            assertThatThrownBy(() -> Main.train("--lr", lr)).as("--lr " + lr)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("--lr must be a finite number above 0, got " + lr);
        }
        assertThatThrownBy(() -> Main.train("--train-size", "-5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--train-size must be at least 1, got -5");
        assertThatThrownBy(() -> Main.train("--epochs", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--epochs must be at least 1, got 0");
        assertThatThrownBy(() -> Main.train("--batch-size", "-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--batch-size must be at least 1, got -2");
    }

    @Test
    void evalExplainsAWrongCheckpoint() throws IOException {
        assertThatThrownBy(() -> Main.run(new String[] {"eval", "--checkpoint", dir.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a directory; expected the file train wrote, e.g. " + dir.resolve("model.safetensors"));
        assertThatThrownBy(() -> Main.run(new String[] {"eval", "--checkpoint", dir.resolve("missing.safetensors").toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        Path unknown = dir.resolve("unknown.safetensors");
        Safetensors.save(java.util.Map.of("w", jgrad.Tensor.zeros(2)), java.util.Map.of("model", "resnet", "dataset", "circles"), unknown);
        assertThatThrownBy(() -> Main.run(new String[] {"eval", "--checkpoint", unknown.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names model 'resnet', which is not one of [cnn, lenet, mlp]");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> Main.run(new String[] {"train", "--epochs"})).hasMessageContaining("expected --option value");
        assertThatThrownBy(() -> Main.run(new String[] {"train", "--colour", "red"})).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> Main.run(new String[] {"train", "--model", "cnn", "--dataset", "spirals"})).hasMessageContaining("needs images");
        assertThatThrownBy(() -> Main.run(new String[] {"fly"})).hasMessageContaining("unknown command 'fly'");
        assertThatThrownBy(() -> Main.run(new String[] {"eval"})).hasMessageContaining("--checkpoint");
    }
}
