package jgrad.nn;

import jgrad.Tensor;

/** Flattens dims {@code startDim..endDim} into one; defaults 1 and -1 keep the batch dim: {@code (N, C, H, W) -> (N, C*H*W)}. */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
