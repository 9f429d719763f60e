package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;

/**
 * Resizes {@code (N, C, H, W)} images by a scale factor with {@link F#interpolate}: mode "nearest"
 * or "bilinear" (with or without {@code alignCorners}); output {@code (N, C, floor(H s), floor(W s))}.
 * No parameters.
 *
 * <pre>{@code
 * var up = new Upsample(2, "bilinear", false);     // (N, C, 14, 14) -> (N, C, 28, 28)
 * }</pre>
 */
public final class Upsample extends Module {
    private final double scaleFactor;
    private final String mode;
    private final boolean alignCorners;

    public Upsample(double scaleFactor, String mode, boolean alignCorners) {
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /** Nearest-neighbour upsampling, PyTorch's default mode. */
    public Upsample(double scaleFactor) {
        this(scaleFactor, "nearest", false);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.interpolate(input, scaleFactor, mode, alignCorners);
    }

    @Override
    protected String extraRepr() {
        return "scale_factor=" + scaleFactor + ", mode=" + mode + (mode.equals("bilinear") ? ", align_corners=" + alignCorners : "");
    }
}
