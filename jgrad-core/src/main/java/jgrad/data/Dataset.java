package jgrad.data;

import jgrad.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sized collection of examples, PyTorch's map-style {@code Dataset}: {@link #size()} and
 * {@link #get(int)}. {@link #getBatch(int[])} collates by stacking; datasets backed by big tensors
 * override it to slice in one step.
 */
public interface Dataset {

    int size();

    /** Example {@code index}, for {@code 0 <= index < size()}. */
    Example get(int index);

    /** The examples at {@code indices}, stacked along a new leading dim. */
    default Example getBatch(int[] indices) {
        List<Tensor> inputs = new ArrayList<>(indices.length);
        List<Tensor> targets = new ArrayList<>(indices.length);
        for (int index : indices) {
            Example example = get(index);
            inputs.add(example.input());
            targets.add(example.target());
        }
        return new Example(Tensor.stack(inputs, 0), Tensor.stack(targets, 0));
    }

    /**
     * Splits a dataset into non-overlapping random subsets of the given lengths (which must add up to
     * its size), reproducibly for a seed, like PyTorch's {@code random_split}.
     */
    static List<Dataset> randomSplit(Dataset dataset, int[] lengths, long seed) {
        int total = 0;
        for (int length : lengths) {
            if (length < 0) throw new IllegalArgumentException("randomSplit: negative length " + length);
            total += length;
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: lengths add up to " + total + " but the dataset has "
                    + dataset.size() + " examples");
        }
        int[] order = permutation(dataset.size(), new SplittableRandom(seed));
        List<Dataset> parts = new ArrayList<>();
        int start = 0;
        for (int length : lengths) {
            parts.add(new Subset(dataset, java.util.Arrays.copyOfRange(order, start, start + length)));
            start += length;
        }
        return parts;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
