package jgrad.cli;

import jgrad.io.Safetensors;
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
        assertThat(out.resolve("curves.png")).exists();
        var checkpoint = Safetensors.read(out.resolve("model.safetensors"));
        assertThat(checkpoint.metadata()).containsEntry("model", "mlp").containsEntry("dataset", "circles");
        assertThat(checkpoint.tensors()).containsKey("layers.1.weight");
        assertThat(Main.run(new String[] {"eval", "--checkpoint", out.resolve("model.safetensors").toString()})).isZero();
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
