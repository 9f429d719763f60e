package exercises.unit10;

/**
 * Unit 10 exercise, task 1: the two augmentations of the Fashion-MNIST recipe on one image
 * {@code image[c][y][x]}, shape (C, H, W). Both return a new array and leave the input unchanged.
 */
public final class Augment {
    private Augment() {
    }

    /**
     * Task 1: the crop that {@code Transforms.randomCrop(size, padding)} makes once it has drawn its
     * window: the image padded with {@code padding} zeros on every side, cut to {@code size x size}
     * starting at row {@code top} and column {@code left} given in the coordinates of the unpadded
     * image (so {@code -padding <= top <= H + padding - size}). Output pixel {@code (c, y, x)} is
     * {@code image[c][y + top][x + left]} where that lies inside the image, else 0. Shape (C, size, size).
     */
    public static double[][][] crop(double[][][] image, int size, int top, int left) {
        // TODO(task 1): copy the pixels that fall inside the image; everything else stays 0.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /** Task 1: the mirror image left to right, {@code out[c][y][x] = image[c][y][W - 1 - x]}. Shape (C, H, W). */
    public static double[][][] horizontalFlip(double[][][] image) {
        // TODO(task 1): reverse every row.
        throw new UnsupportedOperationException("TODO task 1");
    }
}
