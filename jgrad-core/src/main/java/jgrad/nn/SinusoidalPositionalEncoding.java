package jgrad.nn;

import jgrad.Tensor;

/**
 * The fixed positional encoding of "Attention Is All You Need" (section 3.5), added to the input:
 * <pre>
 *   PE[pos, 2i]     = sin(pos / 10000^(2i / d))
 *   PE[pos, 2i + 1] = cos(pos / 10000^(2i / d))
 * </pre>
 * Shapes: input {@code (*, T, d)} with {@code T <= maxLen} (batch first, or unbatched), output the
 * same. The table is a buffer named {@code pe} of shape {@code (maxLen, d)}: saved, not trained.
 */
public final class SinusoidalPositionalEncoding extends Module {
    private final int maxLen;
    private final int dim;

    public SinusoidalPositionalEncoding(int dim, int maxLen) {
        if (dim <= 0 || maxLen <= 0) {
            throw new IllegalArgumentException("SinusoidalPositionalEncoding: dim and maxLen must be positive, got " + dim + ", " + maxLen);
        }
        this.maxLen = maxLen;
        this.dim = dim;
        double[] table = new double[maxLen * dim];
        for (int pos = 0; pos < maxLen; pos++) {
            for (int j = 0; j < dim; j++) {
                double angle = pos / Math.pow(10000, (j - j % 2) / (double) dim);
                table[pos * dim + j] = j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        registerBuffer("pe", Tensor.of(table, maxLen, dim).float32());
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() < 2 || input.size(-1) != dim || input.size(-2) > maxLen) {
            throw new IllegalArgumentException("SinusoidalPositionalEncoding: expected input (*, T, " + dim + ") with T <= "
                    + maxLen + ", got " + jgrad.Shape.format(input.shape()));
        }
        return input.add(buffer("pe").narrow(0, 0, input.size(-2)).to(input.dtype()));
    }

    @Override
    protected String extraRepr() {
        return dim + ", max_len=" + maxLen;
    }
}
