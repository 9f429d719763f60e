package jgrad.vision.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The generated scenes: boxes are the visible parts of the objects, at least half of each. */
class ShapeScenesTest {

    @Test
    void objectsCutByTheBorderHaveTheirVisiblePartAsTheBox() {
        var scenes = new ShapeScenes(48, 4, 8, 18, 0.5);
        int atBorder = 0;
        for (ShapeScenes.Scene scene : scenes.sample(200, 9)) {
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
        }
        assertThat(atBorder).as("objects touching the border in 200 scenes with borderCut 0.5").isGreaterThan(100);
    }

    @Test
    void borderCutOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new ShapeScenes(48, 4, 8, 18, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("borderCut");
    }
}
