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
        int channels = image.length, height = image[0].length, width = image[0][0].length;
        double[][][] out = new double[channels][size][size];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++) {
                    int sy = y + top, sx = x + left;
                    if (sy >= 0 && sy < height && sx >= 0 && sx < width) out[c][y][x] = image[c][sy][sx];
                }
        return out;
    }

    /** Task 1: the mirror image left to right, {@code out[c][y][x] = image[c][y][W - 1 - x]}. Shape (C, H, W). */
    public static double[][][] horizontalFlip(double[][][] image) {
        int channels = image.length, height = image[0].length, width = image[0][0].length;
        double[][][] out = new double[channels][height][width];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) out[c][y][x] = image[c][y][width - 1 - x];
        return out;
    }
}
