package jgrad.data;

import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * A change made to one image {@code (C, H, W)} before training, torchvision's transform with the
 * random source passed in, so a run is reproducible from its seed. Transforms chain with
 * {@link #andThen}; {@link Transforms} has the usual ones.
 *
 * <pre>{@code
 * Transform augment = Transforms.randomCrop(28, 2).andThen(Transforms.randomHorizontalFlip(0.5))
 *         .andThen(Transforms.normalize(new double[] {0.286}, new double[] {0.353}));
 * Dataset train = new TransformedDataset(FashionMnist.load(true), augment, 42);
 * }</pre>
 */
@FunctionalInterface
public interface Transform {

    /** The transformed image; {@code image} is not changed. */
    Tensor apply(Tensor image, RandomGenerator random);

    /** This transform, then {@code next}. */
    default Transform andThen(Transform next) {
        return (image, random) -> next.apply(apply(image, random), random);
    }
}
