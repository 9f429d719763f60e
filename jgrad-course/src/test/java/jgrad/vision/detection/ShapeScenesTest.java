package jgrad.vision.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The generated scenes: boxes are the visible parts of the objects, and the labels per pixel agree with them. */
class ShapeScenesTest {

    @Test
    void objectsCutByTheBorderHaveTheirVisiblePartAsTheBoxAndItsPixelsInside() {
        var scenes = new ShapeScenes(48, 4, 8, 18, 0.5);
        int atBorder = 0;
        for (ShapeScenes.Scene scene : scenes.sample(200, 9)) {
            long[] mask = scene.mask().contiguous().toLongArray();
            for (ShapeScenes.SceneObject object : scene.objects()) {
                Box b = object.box();
                assertThat(b.x1()).as("box %s inside the image", b).isGreaterThanOrEqualTo(0);
                assertThat(b.y1()).as("box %s inside the image", b).isGreaterThanOrEqualTo(0);
                assertThat(b.x2()).as("box %s inside the image", b).isLessThanOrEqualTo(48);
                assertThat(b.y2()).as("box %s inside the image", b).isLessThanOrEqualTo(48);
                // at least half of the object (sides 8 to 18) is visible
                assertThat(Math.min(b.width(), b.height())).as("visible part of %s", b).isGreaterThanOrEqualTo(4);
                if (b.x1() == 0 || b.y1() == 0 || b.x2() == 48 || b.y2() == 48) atBorder++;
            }
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    long label = mask[48 * y + x];
                    if (label == 0) continue;
                    double px = x + 0.5, py = y + 0.5;
                    assertThat(scene.objects().stream().anyMatch(o -> o.label() == label - 1 && o.box().x1() <= px
                            && px <= o.box().x2() && o.box().y1() <= py && py <= o.box().y2()))
                            .as("pixel (%d, %d) labelled %d lies in a box of its class", x, y, label).isTrue();
                }
            }
        }
        assertThat(atBorder).as("objects touching the border in 200 scenes with borderCut 0.5").isGreaterThan(100);
    }

    @Test
    void borderCutOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new ShapeScenes(48, 4, 8, 18, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("borderCut");
    }
}
