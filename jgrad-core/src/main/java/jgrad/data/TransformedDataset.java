package jgrad.data;

import jgrad.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A dataset whose images pass through a {@link Transform} each time they are read, so every epoch
 * sees a different augmentation. The random source is one {@link SplittableRandom} from
 * {@code seed}: the same seed and the same order of reads give the same images.
 */
public final class TransformedDataset implements Dataset {
    private final Dataset base;
    private final Transform transform;
    private final SplittableRandom random;

    public TransformedDataset(Dataset base, Transform transform, long seed) {
        this.base = base;
        this.transform = transform;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public synchronized Example get(int index) {
        Example example = base.get(index);
        return new Example(transform.apply(example.input(), random), example.target());
    }

    @Override
    public synchronized Example getBatch(int[] indices) {
        Example batch = base.getBatch(indices);
        List<Tensor> images = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            images.add(transform.apply(batch.input().select(0, i), random));
        }
        return new Example(Tensor.stack(images, 0), batch.target());
    }
}
