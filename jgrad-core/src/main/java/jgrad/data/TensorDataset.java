package jgrad.data;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * Examples stored as two tensors with the same leading size: example {@code i} is
 * {@code (inputs[i], targets[i])}. Batches are one {@code indexSelect} per tensor.
 *
 * <pre>{@code
 * var data = new TensorDataset(Tensor.randn(100, 2), Tensor.randint(0, 2, 100));
 * }</pre>
 */
public final class TensorDataset implements Dataset {
    private final Tensor inputs;
    private final Tensor targets;

    public TensorDataset(Tensor inputs, Tensor targets) {
        if (inputs.dim() == 0 || targets.dim() == 0 || inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("TensorDataset: inputs " + Shape.format(inputs.shape()) + " and targets "
                    + Shape.format(targets.shape()) + " need the same size in dim 0");
        }
        this.inputs = inputs.detach();
        this.targets = targets.detach();
    }

    public Tensor inputs() {
        return inputs;
    }

    public Tensor targets() {
        return targets;
    }

    @Override
    public int size() {
        return inputs.size(0);
    }

    @Override
    public Example get(int index) {
        return new Example(inputs.select(0, index), targets.select(0, index));
    }

    @Override
    public Example getBatch(int[] indices) {
        long[] rows = new long[indices.length];
        for (int i = 0; i < rows.length; i++) rows[i] = indices[i];
        Tensor index = Tensor.of(rows);
        return new Example(inputs.indexSelect(0, index), targets.indexSelect(0, index));
    }
}
