package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class TransformsTest {

    private static Tensor ramp(int channels, int height, int width) {
        return Tensor.arange(channels * height * width).to(DType.FLOAT32).reshape(channels, height, width);
    }

    @Test
    void randomCropIsAShiftedWindowOfThePaddedImage() {
        Tensor image = ramp(2, 5, 6);
        var random = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            Tensor crop = Transforms.randomCrop(5, 2).apply(image, random);
            assertThat(crop.shape()).containsExactly(2, 5, 6 - 1);
            // find the shift from a pixel that is inside the image, then check every pixel against it
            int shiftY = Integer.MIN_VALUE, shiftX = 0;
            for (int y = 0; y < 5 && shiftY == Integer.MIN_VALUE; y++)
                for (int x = 0; x < 5; x++) {
                    double v = crop.get(0, y, x);
                    if (v != 0) {
                        shiftY = (int) v / 6 - y;
                        shiftX = (int) v % 6 - x;
                        break;
                    }
                }
            assertThat(shiftY).isBetween(-2, 2);
            for (int c = 0; c < 2; c++)
                for (int y = 0; y < 5; y++)
                    for (int x = 0; x < 5; x++) {
                        int sy = y + shiftY, sx = x + shiftX;
                        double expected = sy < 0 || sy >= 5 || sx < 0 || sx >= 6 ? 0 : image.get(c, sy, sx);
                        assertThat(crop.get(c, y, x)).as("crop[%d, %d, %d] with shift (%d, %d)", c, y, x, shiftY, shiftX)
                                .isEqualTo(expected);
                    }
        }
    }

    @Test
    void sameSeedSameAugmentation() {
        Transform augment = Transforms.randomCrop(4, 1).andThen(Transforms.randomHorizontalFlip(0.5));
        Tensor image = ramp(1, 4, 4);
        var a = new SplittableRandom(11);
        var b = new SplittableRandom(11);
        for (int i = 0; i < 10; i++) {
            assertThat(augment.apply(image, a).toFloatArray()).containsExactly(augment.apply(image, b).toFloatArray());
        }
    }

    @Test
    void flipMirrorsColumnsAndProbabilityZeroKeepsTheImage() {
        Tensor image = ramp(1, 2, 3);
        Tensor flipped = Transforms.randomHorizontalFlip(1.0).apply(image, new SplittableRandom(0));
        assertThat(flipped.toFloatArray()).containsExactly(2, 1, 0, 5, 4, 3);
        assertThat(Transforms.randomHorizontalFlip(0.0).apply(image, new SplittableRandom(0)).toFloatArray())
                .containsExactly(image.toFloatArray());
    }

    @Test
    void normalizeUsesEachChannelsMeanAndStd() {
        Tensor image = ramp(2, 1, 2);           // channel 0: 0, 1; channel 1: 2, 3
        Tensor out = Transforms.normalize(new double[] {1, 2}, new double[] {2, 4}).apply(image, new SplittableRandom(0));
        assertThat(out.toFloatArray()).containsExactly(-0.5f, 0f, 0f, 0.25f);
        assertThatThrownBy(() -> Transforms.normalize(new double[] {0, 0, 0}, new double[] {1, 1, 1})
                .apply(image, new SplittableRandom(0))).hasMessageContaining("3 means for an image of 2 channels");
    }

    @Test
    void transformedDatasetAugmentsEveryBatchAgain() {
        var data = new TensorDataset(ramp(4, 3, 3).unsqueeze(1), Tensor.arange(4));
        var augmented = new TransformedDataset(data, Transforms.randomCrop(3, 1), 5);
        Example first = augmented.getBatch(new int[] {0, 1, 2, 3});
        Example second = augmented.getBatch(new int[] {0, 1, 2, 3});
        assertThat(first.input().shape()).containsExactly(4, 1, 3, 3);
        assertThat(first.target().toLongArray()).containsExactly(0, 1, 2, 3);
        assertThat(first.input().toFloatArray()).as("a new random crop on every read").isNotEqualTo(second.input().toFloatArray());
    }
}
