package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;

/**
 * Average pooling to a fixed output size {@code (outH, outW)} whatever the input size: output cell
 * {@code o} of a dim averages input {@code [floor(o in / out), ceil((o + 1) in / out))}.
 * Shapes: {@code (N, C, H, W) -> (N, C, outH, outW)}.
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH, outW;

    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    public AdaptiveAvgPool2d(int outH, int outW) {
        this.outH = outH;
        this.outW = outW;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool2d(input, outH, outW);
    }

    @Override
    protected String extraRepr() {
        return "output_size=(" + outH + ", " + outW + ")";
    }
}
