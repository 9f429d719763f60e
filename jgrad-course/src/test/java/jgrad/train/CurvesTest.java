package jgrad.train;

import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Curves} from a {@link History} (whose {@code add} is package-private); jgrad.viz.FiguresTest checks the pixels. */
class CurvesTest {

    @TempDir
    Path dir;

    @Test
    void curvesAreSavedAsAPng() throws IOException {
        Path png = dir.resolve("plots/curves.png");
        var history = new History();
        history.add(2.0, 0.3, 1.8, 0.4);
        history.add(1.0, 0.7, 1.1, 0.65);
        history.add(0.5, 0.9, 0.9, 0.8);
        Curves.saveHistory(png, history);
        Pictures.assertDrawnPng(png, 2 * Curves.PANEL_WIDTH, Curves.HEIGHT);
        Curves.save(dir.resolve("empty.png"), List.of(new Curves.Panel("nothing yet", List.of())));
        assertThat(ImageIO.read(dir.resolve("empty.png").toFile())).isNotNull();
    }
}
