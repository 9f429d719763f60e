package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training test: the encoder–decoder with attention (width 32) learns to write human dates as ISO
 * dates. After 300 AdamW steps (batch 64, about 15 s on two loaded cores) it translates at least 95%
 * of 500 pairs from held-out days (never seen in training, in any format) exactly. In the development
 * run this same training reached 79.8% after 200 steps and 99.0% after 300.
 */
class DateTranslationTrainingTest {

    @Test
    void smallModelTranslatesHeldOutDates() {
        var task = new DateTranslation(32, 1);
        double loss = task.train(STEPS, 64, 3e-3, new SplittableRandom(42));
        double accuracy = task.exactMatch(500, new SplittableRandom(7));
        assertThat(accuracy).as("held-out exact match after %d steps (final training loss %.4f)", STEPS, loss)
                .isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void heatmapPngIsWrittenWithACellPerCharacterAndLabelledAxes(@TempDir Path dir) throws IOException {
        var task = new DateTranslation(8, 1);   // untrained: the picture's size does not depend on the weights
        String human = "3rd of March 2021";
        List<Path> written = DateTranslation.writeHeatmaps(dir, task.translate(List.of(human, "03/03/2021")));

        assertThat(written).containsExactly(dir.resolve("attention-1.png"), dir.resolve("attention-2.png"));
        // The picture grows with the input: a longer date gives a wider heatmap (a column per character).
        BufferedImage longer = Pictures.assertDrawnPng(written.getFirst());
        BufferedImage shorter = Pictures.assertDrawnPng(written.get(1));
        assertThat(longer.getWidth()).isGreaterThan(shorter.getWidth());
        assertThat(longer.getHeight()).isEqualTo(shorter.getHeight());
    }

    private static final int STEPS = 300;
    private static final double THRESHOLD = 0.95;
}
